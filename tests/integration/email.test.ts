import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import OutboxPage from "@/app/dev/outbox/page";
import OutboxMessagePage from "@/app/dev/outbox/[id]/page";
import { db, schema } from "@/db";
import { sendEmail } from "@/lib/email/send-email";
import { listOutbox, getOutboxMessage } from "@/lib/email/outbox";
import { welcomeEmail } from "@/lib/email/templates/welcome";
import { resetDb } from "../db";

describe("email without SMTP", () => {
  beforeEach(resetDb);

  it("lands in the outbox with an HTML and a plain-text part", async () => {
    const r = await sendEmail({
      to: "ann@example.com",
      template: welcomeEmail,
      props: { name: "Ann <b>", dashboardUrl: "http://x/dashboard" },
    });
    expect(r.deduped).toBe(false);
    const m = await getOutboxMessage(r.id!);
    expect(m).toMatchObject({
      to: "ann@example.com",
      subject: "Welcome to SEO Health Report",
      template: "welcome",
      status: "outbox",
    });
    expect(m!.html).toMatch(/^<!doctype html>/);
    expect(m!.html).toContain("Ann &lt;b&gt;"); // customer text is escaped in HTML
    expect(m!.text).toContain("Open your dashboard: http://x/dashboard");
  });

  it("a repeated dedupe key records and sends the message once", async () => {
    const props = { name: "Bo", dashboardUrl: "http://x" };
    const a = await sendEmail({ to: "bo@example.com", template: welcomeEmail, props, dedupeKey: "welcome:bo" });
    const b = await sendEmail({ to: "bo@example.com", template: welcomeEmail, props, dedupeKey: "welcome:bo" });
    expect(a.deduped).toBe(false);
    expect(b).toEqual({ id: null, deduped: true });
    expect(await listOutbox()).toHaveLength(1);
  });

  it("inside a rolled-back transaction nothing is recorded", async () => {
    await db()
      .transaction(async (tx) => {
        await sendEmail({
          to: "cy@example.com",
          template: welcomeEmail,
          props: { name: null, dashboardUrl: "http://x" },
          tx,
        });
        throw new Error("abort");
      })
      .catch(() => {});
    expect(await db().select().from(schema.emailOutbox)).toHaveLength(0);
  });
});

describe("/dev/outbox", () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, APP_DEMO: process.env.APP_DEMO };
  const setEnv = (vars: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else (process.env as Record<string, string>)[k] = v;
    }
  };
  beforeEach(resetDb);
  afterEach(() => setEnv(saved));

  async function sendOne() {
    const r = await sendEmail({
      to: "ann@example.com",
      template: welcomeEmail,
      props: { name: "Ann", dashboardUrl: "x" },
    });
    return r.id!;
  }
  const params = (id: string) => ({ params: Promise.resolve({ id }) });
  const notFound = { digest: expect.stringContaining("404") };

  it("lists and renders messages outside production", async () => {
    const id = await sendOne();
    expect(renderToStaticMarkup(await OutboxPage())).toContain("ann@example.com");
    expect(renderToStaticMarkup(await OutboxMessagePage(params(id)))).toContain("Welcome to SEO Health Report");
  });

  it("is a 404 in production, list and message alike", async () => {
    const id = await sendOne();
    setEnv({ NODE_ENV: "production", APP_DEMO: undefined });
    await expect(OutboxPage()).rejects.toMatchObject(notFound);
    await expect(OutboxMessagePage(params(id))).rejects.toMatchObject(notFound);
  });

  it.each(["1", "true"])("is served in a production demo (APP_DEMO=%s)", async (demo) => {
    await sendOne();
    setEnv({ NODE_ENV: "production", APP_DEMO: demo });
    expect(renderToStaticMarkup(await OutboxPage())).toContain("ann@example.com");
  });
});
