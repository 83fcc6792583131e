import { route } from "@/lib/http/route";
import { AppError } from "@/lib/errors";
import { getReportPdf } from "@/lib/reports/audit-report";

export const GET = route({ name: "audits.report", auth: "user" }, async ({ params, user }) => {
  const pdf = await getReportPdf(params.id!, user);
  if (!pdf) throw new AppError("not_found", "Audit not found.");
  if (!pdf.ready) throw new AppError("conflict", "The report is not ready yet. Try again in a minute.");
  const host = new URL(pdf.siteUrl).hostname.replace(/[^a-z0-9.-]/gi, "_");
  return new Response(new Uint8Array(pdf.data), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="seo-report-${host}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
});
