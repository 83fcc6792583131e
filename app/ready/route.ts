import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { runReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

export const GET = route({ name: "ready", auth: "public", rateLimit: false }, async () => {
  const { ready, checks } = await runReadiness();
  return NextResponse.json({ status: ready ? "ready" : "not_ready", checks }, { status: ready ? 200 : 503 });
});
