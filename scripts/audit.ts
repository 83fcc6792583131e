/**
 * `npm run audit -- <url> [...]`: runs the audit engine from the command line.
 * Exit codes: 0 finished, 2 bad input (one line on stderr), 1 target unreachable.
 */
import fs from "node:fs/promises";
import { parseArgs, USAGE } from "@/lib/audit/cli/args";
import { progressBar } from "@/lib/audit/cli/progress";
import { formatSummary } from "@/lib/audit/cli/summary";
import { AuditInputError, ForbiddenAddressError, runAudit } from "@/lib/audit";
import { toReportData } from "@/lib/audit/to-report-data";

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const bar = progressBar(process.stderr, args.maxPages ?? 500);
  try {
    const result = await runAudit({
      url: args.url,
      maxPages: args.maxPages,
      concurrency: args.concurrency,
      keywords: args.keywords,
      competitors: args.competitors,
      allowPrivate: args.allowPrivate || process.env.AUDIT_ALLOW_PRIVATE_NETWORKS === "1",
      onProgress: bar.update,
    });
    bar.done();
    if (args.pdf) {
      const { renderAuditPdf } = await import("@/lib/reports/render-audit-pdf");
      await fs.writeFile(args.pdf, await renderAuditPdf(toReportData(result)));
      if (!args.json) process.stderr.write(`PDF written to ${args.pdf}\n`);
    }
    process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatSummary(result)}\n`);
    return 0;
  } catch (e) {
    bar.done();
    const bad = e instanceof AuditInputError || e instanceof ForbiddenAddressError;
    process.stderr.write(`${(e as Error).message.split("\n")[0]}\n`);
    return bad ? 2 : 1;
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
