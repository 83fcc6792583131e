import { route } from "@/lib/http/route";
import { replayStripeEventAsAdmin } from "@/lib/billing/admin-replay";

export const POST = route({ name: "admin.stripe_events.replay", auth: "admin" }, ({ params, user, ip, userAgent }) =>
  replayStripeEventAsAdmin(user, params.id!, { ip, userAgent }),
);
