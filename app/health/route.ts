import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Liveness: answers without touching any dependency. */
export const GET = route({ name: "health", auth: "public", rateLimit: false }, async () => ({
  status: "ok",
  uptime: Math.round(process.uptime()),
}));
