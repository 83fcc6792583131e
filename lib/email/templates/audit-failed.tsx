import { defineTemplate } from "../template";
import { EmailButton, EmailLayout } from "./layout";

type Props = { name: string | null; siteUrl: string; reason: string; creditReturned: boolean; dashboardUrl: string };

export const auditFailedEmail = defineTemplate<Props>({
  name: "audit-failed",
  subject: ({ siteUrl }) => `Your audit of ${siteUrl} could not be completed`,
  html: ({ name, siteUrl, reason, creditReturned, dashboardUrl }) => (
    <EmailLayout title="Audit not completed">
      <p>Hi {name ?? "there"},</p>
      <p>
        We could not complete the audit of {siteUrl}: {reason}
      </p>
      {creditReturned ? <p>The audit credit has been returned to your plan, so you can run it again.</p> : null}
      <EmailButton href={dashboardUrl}>Open the dashboard</EmailButton>
    </EmailLayout>
  ),
  text: ({ name, siteUrl, reason, creditReturned, dashboardUrl }) =>
    `Hi ${name ?? "there"},\n\nWe could not complete the audit of ${siteUrl}: ${reason}\n${creditReturned ? "\nThe audit credit has been returned to your plan, so you can run it again.\n" : ""}\nDashboard: ${dashboardUrl}\n`,
});
