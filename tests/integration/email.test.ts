import { beforeEach, describe, expect, it } from "vitest";
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
