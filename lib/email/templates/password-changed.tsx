import { defineTemplate } from "../template";
import { EmailButton, EmailLayout } from "./layout";

type Props = { name: string | null; when: string; how: "changed" | "reset"; forgotUrl: string };

export const passwordChangedEmail = defineTemplate<Props>({
  name: "password-changed",
  subject: () => "Your SEO Health Report password was changed",
  html: ({ name, when, how, forgotUrl }) => (
    <EmailLayout title="Password changed">
      <p>Hi {name ?? "there"},</p>
      <p>
        The password of your account was{" "}
        {how === "reset" ? "reset with an emailed link" : "changed in account settings"} on {when}. Every browser
        session was signed out.
      </p>
      <p>If this was not you, reset your password now and contact us.</p>
      <EmailButton href={forgotUrl}>Reset my password</EmailButton>
    </EmailLayout>
  ),
  text: ({ name, when, how, forgotUrl }) =>
    `Hi ${name ?? "there"},\n\nThe password of your account was ${how === "reset" ? "reset with an emailed link" : "changed in account settings"} on ${when}. Every browser session was signed out.\n\nIf this was not you, reset your password now and contact us: ${forgotUrl}\n`,
});
