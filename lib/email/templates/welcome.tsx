import { defineTemplate } from "../template";
import { EmailButton, EmailLayout } from "./layout";

type Props = { name: string | null; dashboardUrl: string };

export const welcomeEmail = defineTemplate<Props>({
  name: "welcome",
  subject: () => "Welcome to SEO Health Report",
  html: ({ name, dashboardUrl }) => (
    <EmailLayout title="Welcome">
      <p>Hi {name ?? "there"},</p>
      <p>Your account is ready. Choose a plan and we will audit your site and send you a PDF report.</p>
      <EmailButton href={dashboardUrl}>Open your dashboard</EmailButton>
    </EmailLayout>
  ),
  text: ({ name, dashboardUrl }) =>
    `Hi ${name ?? "there"},\n\nYour account is ready. Choose a plan and we will audit your site and send you a PDF report.\n\nOpen your dashboard: ${dashboardUrl}\n`,
});
