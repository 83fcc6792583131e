import { NextResponse } from "next/server";
import { exportAccountData } from "@/lib/account/export";
import { route } from "@/lib/http/route";

/** The whole export as a downloadable JSON file. */
export const GET = route({ name: "account.export", auth: "user" }, async ({ user, ip, userAgent }) => {
  const data = await exportAccountData(user.id, { ip, userAgent });
  return NextResponse.json(data, {
    headers: {
      "content-disposition": `attachment; filename="seo-health-report-export-${new Date().toISOString().slice(0, 10)}.json"`,
      "cache-control": "no-store",
    },
  });
});
