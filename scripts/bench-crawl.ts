/**
 * `npm run bench:crawl`: crawls a generated local site (5,000 pages, 20 links,
 * ~16 KB each; then the same with 0–50 ms random latency per response) with
 * this engine (all checks on), linkinator 7 and @crawlee/cheerio 3 at equal
 * concurrency. The site is served by a child process and each crawler runs in
 * its own child process, so the peak RSS printed is that crawler's alone.
 *
 * Flags: --pages N (5000) --concurrency N (8, the engine's default) --only engine,linkinator,crawlee --latency-only / --no-latency
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { serveBenchSite } from "@/lib/audit/testing/bench-site";

type Run = { crawler: string; pages: number; seconds: number; p95Ms: number; peakRssMb: number };
const CRAWLERS = ["engine", "linkinator", "crawlee"] as const;

const argv = process.argv.slice(2);
const flag = (name: string, def: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1]! : def;
};
const PAGES = Number(flag("--pages", "5000"));
const CONCURRENCY = Number(flag("--concurrency", "8"));
const MAX_LATENCY = 50;
const MAX_SECONDS = Number(flag("--max-seconds", "180"));

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! : 0;
};
const report = (crawler: string, pages: number, t0: number, times: number[]) => {
  const run: Run = {
    crawler,
    pages,
    seconds: (performance.now() - t0) / 1000,
    p95Ms: p95(times),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`RESULT ${JSON.stringify(run)}\n`);
};

async function crawlWith(crawler: string, url: string): Promise<void> {
  const t0 = performance.now();
  if (crawler === "engine") {
    const { runAudit } = await import("@/lib/audit");
    const r = await runAudit({ url, maxPages: PAGES, concurrency: CONCURRENCY, allowPrivate: true });
    const ok = r.pages.filter((p) => p.status === 200);
    return report(
      crawler,
      ok.length,
      t0,
      ok.map((p) => p.timeMs),
    );
  }
  if (crawler === "linkinator") {
    const times: number[] = [];
    const original = globalThis.fetch;
    // linkinator 7.6 does not bound its requests by `concurrency`: each check starts as soon as its link is found
    // (its queue only awaits the promise), so on this site it had ~4,000 fetches in flight at once, its 10 s
    // timeouts fired and ~25% of the pages were lost. Hold it to CONCURRENCY requests in flight here, as its
    // `concurrency` option documents, and start the 10 s timeout when a request gets its slot.
    let active = 0;
    const waiting: (() => void)[] = [];
    const release = () => {
      const next = waiting.shift();
      if (next) next();
      else active--;
    };
    globalThis.fetch = async (input, init) => {
      if (active < CONCURRENCY) active++;
      else await new Promise<void>((r) => waiting.push(r));
      // Time each request from its slot until its body has been read (or dropped).
      const start = performance.now();
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        times.push(performance.now() - start);
        release();
      };
      let res: Response;
      try {
        res = await original(input, { ...init, signal: AbortSignal.timeout(10_000) });
      } catch (e) {
        finish();
        throw e;
      }
      if (!res.body) {
        finish();
        return res;
      }
      const reader = res.body.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(ctrl) {
          try {
            const { done: end, value } = await reader.read();
            if (end) {
              finish();
              ctrl.close();
            } else ctrl.enqueue(value);
          } catch (e) {
            finish();
            ctrl.error(e);
          }
        },
        cancel(reason) {
          finish();
          return reader.cancel(reason);
        },
      });
      const wrapped = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      Object.defineProperty(wrapped, "url", { value: res.url });
      return wrapped;
    };
    const { LinkChecker } = await import("linkinator");
    const result = await new LinkChecker().check({
      path: url,
      recurse: true,
      concurrency: CONCURRENCY,
      timeout: 0, // applied per request above, once it has a slot
    });
    // One result per URL checked: the pages, plus /logo.png (fetched once) which is not a page.
    const pages = new Set(result.links.filter((l) => l.state === "OK" && !l.url.endsWith(".png")).map((l) => l.url));
    const broken = result.links.filter((l) => l.state !== "OK");
    if (broken.length)
      console.error(
        `  linkinator: ${broken.length} links not OK, e.g. ${broken[0]!.url} ${broken[0]!.status}: ${String(broken[0]!.failureDetails?.[0])}`,
      );
    return report(crawler, pages.size, t0, times);
  }
  process.env.CRAWLEE_STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "crawlee-"));
  const { CheerioCrawler, Configuration, log, LogLevel } = await import("@crawlee/cheerio");
  log.setLevel(LogLevel.ERROR);
  const times: number[] = [];
  let pages = 0;
  const c = new CheerioCrawler(
    {
      minConcurrency: CONCURRENCY,
      maxConcurrency: CONCURRENCY,
      // Fixed concurrency: never scale down because other processes load this machine's CPUs.
      autoscaledPoolOptions: {
        desiredConcurrency: CONCURRENCY,
        systemStatusOptions: {
          maxCpuOverloadedRatio: 1,
          maxEventLoopOverloadedRatio: 1,
          maxMemoryOverloadedRatio: 1,
          maxClientOverloadedRatio: 1,
        },
      },
      // No maxRequestsPerCrawl: the site is finite. With it set to PAGES, once the queue held about that many
      // requests (~1,400 pages in) every enqueueLinks call took 1,004 ms (matching the 1,000 ms default
      // waitBetweenBatchesMillis of addRequestsBatched), so crawlee then did exactly CONCURRENCY pages per second.
      maxRequestRetries: 0,
      useSessionPool: false,
      persistCookiesPerSession: false,
      preNavigationHooks: [
        ({ request }, gotOptions) => {
          request.userData.t0 = performance.now();
          // Browser-like header generation costs milliseconds per request and is irrelevant on a local site.
          (gotOptions as { useHeaderGenerator?: boolean }).useHeaderGenerator = false;
        },
      ],
      requestHandler: async ({ request, enqueueLinks }) => {
        await enqueueLinks({ strategy: "same-hostname" });
        pages++;
        times.push(performance.now() - (request.userData.t0 as number));
      },
    },
    new Configuration({ persistStorage: false }),
  );
  // Safety cap only (not reached once configured as above): stop after MAX_SECONDS and report what it did.
  const cap = setTimeout(() => void c.autoscaledPool?.abort(), MAX_SECONDS * 1000);
  await c.run([url]);
  clearTimeout(cap);
  fs.rmSync(process.env.CRAWLEE_STORAGE_DIR, { recursive: true, force: true });
  return report(crawler, pages, t0, times);
}

/** Runs this script in a child process and resolves with the line it reports. */
function child(args: string[], marker: string): Promise<{ line: string; kill: () => void }> {
  const proc = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: proc.stdout! });
    rl.on(
      "line",
      (l) => l.startsWith(marker) && resolve({ line: l.slice(marker.length).trim(), kill: () => proc.kill() }),
    );
    proc.on("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code} before reporting`)));
  });
}

async function main(): Promise<void> {
  if (argv[0] === "--serve") {
    const site = await serveBenchSite({
      pages: PAGES,
      links: 20,
      pageBytes: 16_384,
      maxLatencyMs: Number(flag("--latency", "0")),
      seed: 1,
    });
    process.stdout.write(`ORIGIN ${site.origin}\n`);
    return;
  }
  if (argv[0] === "--crawl") return crawlWith(argv[1]!, argv[2]!);
  const only = flag("--only", CRAWLERS.join(",")).split(",");
  const scenarios = [
    { name: "no added latency", latency: 0 },
    { name: `0–${MAX_LATENCY} ms random latency`, latency: MAX_LATENCY },
  ].filter((s) => !(argv.includes("--no-latency") && s.latency) && !(argv.includes("--latency-only") && !s.latency));
  console.log(
    `bench:crawl · ${PAGES} pages · 20 links · ~16 KB · concurrency ${CONCURRENCY} · Node ${process.version} · ${os.cpus().length} cores`,
  );
  for (const sc of scenarios) {
    const server = await child(["--serve", "--pages", String(PAGES), "--latency", String(sc.latency)], "ORIGIN");
    const runs: Run[] = [];
    try {
      for (const c of only) {
        const r = await child(
          ["--crawl", c, `${server.line}/`, "--pages", String(PAGES), "--concurrency", String(CONCURRENCY)],
          "RESULT",
        );
        runs.push(JSON.parse(r.line) as Run);
        console.error(`  ${sc.name}: ${c} done (${runs.at(-1)!.pages} pages in ${runs.at(-1)!.seconds.toFixed(1)} s)`);
      }
    } finally {
      server.kill();
    }
    printTable(sc.name, runs, sc.latency);
  }
}

function printTable(name: string, runs: Run[], latency: number): void {
  const engine = runs.find((r) => r.crawler === "engine");
  const rate = (r: Run) => r.pages / r.seconds;
  console.log(`\n## ${name}`);
  console.log("crawler     pages  seconds  pages/s  p95 page ms  peak RSS MB  engine ×");
  for (const r of runs)
    console.log(
      `${r.crawler.padEnd(10)} ${String(r.pages).padStart(6)} ${r.seconds.toFixed(1).padStart(8)} ${rate(r).toFixed(0).padStart(8)} ${r.p95Ms.toFixed(1).padStart(12)} ${r.peakRssMb.toFixed(0).padStart(12)} ${engine && r !== engine ? (rate(engine) / rate(r)).toFixed(2).padStart(9) : "".padStart(9)}`,
    );
  if (latency && engine) {
    const ideal = CONCURRENCY / (latency / 2 / 1000);
    console.log(
      `ideal (concurrency ÷ mean latency) = ${ideal.toFixed(0)} pages/s; engine reaches ${((rate(engine) / ideal) * 100).toFixed(0)}% (target ≥ 80%)`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
