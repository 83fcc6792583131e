import { route } from "@/lib/http/route";
import { getInvoicePdf } from "@/lib/billing/invoices";

export const GET = route({ name: "invoices.pdf", auth: "user" }, async ({ params, user }) => {
  const { filename, pdf } = await getInvoicePdf(params.id!, user);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
});
