import http from "node:http";
import type { AddressInfo } from "node:net";
import { db, schema } from "@/db";

/** A small site on 127.0.0.1: `pages` linked pages, some with SEO problems, one broken link. */
export async function serveFixtureSite(
  pages = 30,
  opts: { delayMs?: number } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const send = () => {
      const m = /^\/p\/(\d+)$/.exec(path);
      const n = path === "/" ? 0 : m ? Number(m[1]) : -1;
      if (n < 0 || n >= pages) {
        res.writeHead(404, { "content-type": "text/html" }).end("<html><body>not found</body></html>");
        return;
      }
      const links = [1, 2, 3].map((k) => `<a href="/p/${(n * 3 + k) % pages}">page ${k}</a>`).join(" ");
      const title = n % 5 === 0 ? "" : `Fixture page ${n} about widgets`;
      const h1 = n % 4 === 0 ? "" : `<h1>Widgets ${n}</h1>`;
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(
          `<!doctype html><html lang="en"><head><title>${title}</title><meta name="description" content="Widgets and gadgets, page ${n}, described at a sensible length for search results."></head><body>${h1}<p>Body text for page ${n}.</p>${links}${n === 1 ? '<a href="/missing">broken</a><img src="/x.png">' : ""}</body></html>`,
        );
    };
    if (opts.delayMs) setTimeout(send, opts.delayMs);
    else send();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function createCustomerAudit(
  siteUrl: string,
  opts: { plan?: string; keywords?: string[]; email?: string } = {},
) {
  const email = opts.email ?? `c${Math.random().toString(36).slice(2, 8)}@example.com`;
  const [user] = await db().insert(schema.users).values({ email, name: "Casey" }).returning();
  const subId = `sub_${Math.random().toString(36).slice(2, 10)}`;
  await db()
    .insert(schema.subscriptions)
    .values({
      id: subId,
      userId: user!.id,
      stripeCustomerId: `cus_${subId}`,
      status: "active",
      plan: opts.plan ?? "pro",
      interval: "month",
      stripePriceId: "price_x",
      auditsUsed: 1,
    });
  const [audit] = await db()
    .insert(schema.audits)
    .values({
      userId: user!.id,
      subscriptionId: subId,
      plan: opts.plan ?? "pro",
      siteUrl,
      keywords: opts.keywords ?? ["widgets", "unicorns"],
      trigger: "checkout",
    })
    .returning();
  return { user: user!, audit: audit!, subscriptionId: subId };
}

export async function until<T>(fn: () => Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}
