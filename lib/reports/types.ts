/** Everything the PDF report shows; built from the database by loadReportData (or by the engine's CLI). */
export type ReportFinding = { check: string; category: string; severity: string; url: string; message: string };
export type ReportPage = { url: string; status: number | null; title: string | null; depth: number | null };

export type ReportData = {
  siteUrl: string;
  plan: string;
  date: Date;
  score: number;
  categories: Record<string, number>;
  pages: ReportPage[];
  /** Total crawled pages (pages may be truncated for the appendix). */
  pageCount: number;
  findings: ReportFinding[];
  keywords: {
    keyword: string;
    pages: number;
    bestPage: string | null;
    inTitle: number;
    inH1: number;
    missing: boolean;
  }[];
  competitors: {
    url: string;
    score: number | null;
    categories: Record<string, number>;
    pages: number;
    error?: string;
  }[];
  previous?: { date: Date; score: number; categories: Record<string, number> } | null;
  /** How-to-fix texts by check id. */
  catalogue: Record<string, { title: string; howToFix: string; category: string }>;
  whiteLabel?: { companyName: string; logoUrl?: string | null } | null;
};

export type RenderOptions = {
  /** Rows per check in the category tables and rows in the appendix; keeps memory and time bounded. */
  maxRowsPerCheck?: number;
  maxAppendixRows?: number;
};
