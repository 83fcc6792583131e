/** Command-line parsing for `npm run audit`; every problem is an AuditInputError with a one-line message. */
import { AuditInputError } from "../errors";

export type CliArgs = {
  url: string;
  maxPages?: number;
  concurrency?: number;
  keywords: string[];
  competitors: string[];
  json: boolean;
  pdf?: string;
  allowPrivate: boolean;
  help: boolean;
};

export const USAGE =
  'Usage: npm run audit -- <url> [--max-pages N] [--concurrency N] [--keywords "a,b"] [--competitor URL]... [--json] [--pdf FILE] [--allow-private]';

export function parseArgs(argv: string[]): CliArgs {
  const out: CliArgs = { url: "", keywords: [], competitors: [], json: false, allowPrivate: false, help: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] =
      raw.startsWith("--") && raw.includes("=")
        ? [raw.slice(0, raw.indexOf("=")), raw.slice(raw.indexOf("=") + 1)]
        : [raw, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--")))
        throw new AuditInputError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case "--max-pages":
        out.maxPages = positiveInt(flag, value(), 100_000);
        break;
      case "--concurrency":
        out.concurrency = positiveInt(flag, value(), 64);
        break;
      case "--keywords":
        out.keywords.push(
          ...value()
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean),
        );
        break;
      case "--competitor":
        out.competitors.push(value());
        break;
      case "--json":
        out.json = true;
        break;
      case "--pdf":
        out.pdf = value();
        break;
      case "--allow-private":
        out.allowPrivate = true;
        break;
      case "-h":
      case "--help":
        out.help = true;
        break;
      default:
        if (flag.startsWith("-")) throw new AuditInputError(`Unknown option ${flag}. ${USAGE}`);
        rest.push(raw);
    }
  }
  if (out.help) return out;
  if (rest.length !== 1)
    throw new AuditInputError(rest.length ? `Expected one URL, got ${rest.length}.` : `Missing URL. ${USAGE}`);
  out.url = rest[0]!;
  return out;
}

function positiveInt(flag: string, v: string, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > max)
    throw new AuditInputError(`${flag} must be a whole number from 1 to ${max} (got "${v}").`);
  return n;
}
