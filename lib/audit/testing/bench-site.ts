/**
 * The benchmark's generated site: N pages of ~16 KB with 20 internal links
 * each (a binary-tree backbone so every page is reachable, plus pseudo-random
 * links), served from memory with optional 0–maxLatency ms random delay.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { prose } from "./html";

export type BenchSiteOptions = { pages: number; links: number; pageBytes: number; maxLatencyMs: number; seed: number };

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

export function generatePages(o: BenchSiteOptions): Buffer[] {
  const rand = rng(o.seed);
  const out: Buffer[] = [];
  for (let i = 0; i < o.pages; i++) {
    const targets = new Set<number>();
    for (const t of [2 * i + 1, 2 * i + 2]) if (t < o.pages) targets.add(t);
    while (targets.size < Math.min(o.links, o.pages - 1)) {
      const t = Math.floor(rand() * o.pages);
      if (t !== i) targets.add(t);
    }
    const links = [...targets]
      .map((t) => `<li><a href="/page/${t}">Article ${t} about ${prose(t, 2)}</a></li>`)
      .join("");
    const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Benchmark page ${i}: ${prose(i, 4)}</title><meta name="description" content="Benchmark page ${i} describing ${prose(i + 7, 12)}."><link rel="canonical" href="/page/${i}"><meta name="viewport" content="width=device-width, initial-scale=1"></head><body><h1>Page ${i}</h1><nav><ul>${links}</ul></nav>`;
    let body = "";
    let p = 0;
    while (head.length + body.length < o.pageBytes - 300)
      body += `<h2>Part ${++p}</h2><p>${prose(i * 131 + p, 120)}</p>`;
    out.push(Buffer.from(`${head}${body}<img src="/logo.png" alt="logo"></body></html>`));
  }
  return out;
}

export async function serveBenchSite(o: BenchSiteOptions, port = 0): Promise<{ origin: string; close: () => void }> {
  const pages = generatePages(o);
  const rand = rng(o.seed + 1);
  const server = http.createServer((req, res) => {
    const m = /^\/(?:page\/(\d+))?$/.exec(req.url ?? "");
    const idx = m ? Number(m[1] ?? 0) : -1;
    const send = () => {
      if (req.url === "/logo.png") {
        res.writeHead(200, { "content-type": "image/png", "content-length": "1024" });
        return res.end(req.method === "HEAD" ? undefined : Buffer.alloc(1024));
      }
      const body = pages[idx];
      if (!body) {
        res.writeHead(404, { "content-type": "text/plain", "content-length": "9" });
        return res.end("not found");
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": String(body.length) });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (o.maxLatencyMs > 0) setTimeout(send, rand() * o.maxLatencyMs);
    else send();
  });
  server.keepAliveTimeout = 30_000;
  server.maxRequestsPerSocket = 0;
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}
