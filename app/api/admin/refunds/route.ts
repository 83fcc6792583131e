import { route } from "@/lib/http/route";
import { refundInput, refundPayment } from "@/lib/billing/refunds";

export const POST = route(
  { name: "admin.refunds", auth: "admin", body: refundInput },
  ({ body, user, ip, userAgent }) => refundPayment(user, body, { ip, userAgent }),
);
