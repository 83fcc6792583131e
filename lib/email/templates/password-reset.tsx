import { defineTemplate } from "../template";
import { EmailButton, EmailLayout } from "./layout";

type Props = { name: string | null; resetUrl: string; expiresInMinutes: number };

export const passwordResetEmail = defineTemplate<Props>({
  name: "password-reset",
  subject: () => "Reset your SEO Health Report password",
  html: ({ name, resetUrl, expiresInMinutes }) => (
    <EmailLayout title="Reset your password">
      <p>Hi {name ?? "there"},</p>
      <p>Someone (hopefully you) asked to reset the password of your SEO Health Report account.</p>
      <EmailButton href={resetUrl}>Choose a new password</EmailButton>
      <p style={{ fontSize: 13, color: "#52525b" }}>
        The link works once and expires in {expiresInMinutes} minutes. If you did not ask for it, ignore this email:
        your password stays as it is.
      </p>
    </EmailLayout>
  ),
  text: ({ name, resetUrl, expiresInMinutes }) =>
    `Hi ${name ?? "there"},\n\nSomeone (hopefully you) asked to reset the password of your SEO Health Report account.\n\nChoose a new password: ${resetUrl}\n\nThe link works once and expires in ${expiresInMinutes} minutes. If you did not ask for it, ignore this email: your password stays as it is.\n`,
});
