import { defineTemplate } from "../template";
import { EmailButton, EmailLayout } from "./layout";

type Props = { name: string | null; siteUrl: string; score: number | null; reportUrl: string; dashboardUrl: string };

export const auditReportReadyEmail = defineTemplate<Props>({
  name: "audit-report-ready",
  subject: ({ siteUrl }) => `Your SEO health report for ${siteUrl} is ready`,
  html: ({ name, siteUrl, score, reportUrl, dashboardUrl }) => (
    <EmailLayout title="Your report is ready">
      <p>Hi {name ?? "there"},</p>
      <p>
        The audit of {siteUrl} has finished{score === null ? "" : ` with a health score of ${score}/100`}. Your PDF
        report is ready to download.
      </p>
      <EmailButton href={reportUrl}>Download the PDF report</EmailButton>
      <p>
        Every finding, with how to fix it, is also on your <a href={dashboardUrl}>dashboard</a>.
      </p>
    </EmailLayout>
  ),
  text: ({ name, siteUrl, score, reportUrl, dashboardUrl }) =>
    `Hi ${name ?? "there"},\n\nThe audit of ${siteUrl} has finished${score === null ? "" : ` with a health score of ${score}/100`}. Your PDF report is ready: ${reportUrl}\n\nEvery finding, with how to fix it, is on your dashboard: ${dashboardUrl}\n`,
});
