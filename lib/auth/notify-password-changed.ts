import { env } from "@/lib/env";
import { sendEmail } from "@/lib/email/send-email";
import { passwordChangedEmail } from "@/lib/email/templates/password-changed";

/** Tells the account owner their password changed, so an unexpected change is noticed (and how to undo it). */
export async function notifyPasswordChanged(
  user: { id: string; email: string; name: string | null },
  how: "changed" | "reset",
): Promise<void> {
  await sendEmail({
    to: user.email,
    template: passwordChangedEmail,
    props: { name: user.name, when: new Date().toUTCString(), how, forgotUrl: `${env().APP_URL}/forgot-password` },
    userId: user.id,
  });
}
