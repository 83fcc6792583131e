import { createElement } from "react";
import { renderToBuffer } from "@react-pdf/renderer";
import { fontFamilyFor, registerFonts } from "./fonts";
import { ReportDocument } from "./report-document";
import type { RenderOptions, ReportData } from "./types";

export type { ReportData, RenderOptions } from "./types";

/**
 * Renders the customer's PDF report. Tables are capped (per check and in the
 * appendix) so a 10,000-page audit renders in bounded time and memory; the
 * dashboard lists everything.
 */
export function renderAuditPdf(result: ReportData, opts: RenderOptions = {}): Promise<Buffer> {
  // One render at a time per process: fonts are re-registered per document (see fonts.ts), and rendering is
  // CPU-bound anyway.
  const run = queue.then(() => render(result, opts));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

let queue: Promise<void> = Promise.resolve();

async function render(result: ReportData, opts: RenderOptions): Promise<Buffer> {
  registerFonts();
  const doc = createElement(ReportDocument, {
    data: result,
    maxRowsPerCheck: opts.maxRowsPerCheck ?? 100,
    maxAppendixRows: opts.maxAppendixRows ?? 1000,
    fontFamily: fontFamilyFor(JSON.stringify(result)),
  });
  // ReportDocument renders a <Document>; react-pdf's types want the element itself.
  return renderToBuffer(doc as Parameters<typeof renderToBuffer>[0]);
}
