import fs from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderToHtml } from "./render-html";
import type { EmailTemplate } from "./template";

// React inserts <!-- --> between adjacent text nodes; mail clients never see them.
const normalise = (html: string) => html.replace(/<!-- -->/g, "");

const dir = path.join(import.meta.dirname, "templates");

/** Sample props that exercise every branch of a template, whatever it is. */
const sample = new Proxy({} as Record<string, unknown>, {
  get: (_t, key) => {
    if (typeof key !== "string") return undefined;
    if (/url|link|href/i.test(key)) return `https://example.com/${key}?a=1&b=<2>`;
    if (/amount|total|count|score|pages|days|credits/i.test(key)) return 12345;
    if (/at$|date|time/i.test(key)) return new Date("2026-01-02T03:04:05Z");
    if (/items|lines|list/i.test(key)) return [];
    return `Value of ${key} <with> "markup" & 'quotes'`;
  },
});

describe("email HTML renderer matches react-dom/server", () => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".tsx") && f !== "layout.tsx");

  it("covers at least one template", () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    it(file, async () => {
      const mod = (await import(path.join(dir, file))) as Record<string, EmailTemplate<unknown>>;
      for (const template of Object.values(mod).filter((v) => v && typeof v === "object" && "html" in v)) {
        let element;
        try {
          element = template.html(sample);
        } catch {
          continue; // a template that needs structured props is covered by its own tests
        }
        expect(renderToHtml(element)).toBe(normalise(renderToStaticMarkup(element)));
      }
    });
  }

  it("escapes text and attributes, renders styles like React", () => {
    const el = (
      <a href={'x"y'} style={{ padding: 10, lineHeight: 1.5, fontWeight: 700 }}>
        {"<script>"} & {1}
      </a>
    );
    expect(renderToHtml(el)).toBe(normalise(renderToStaticMarkup(el)));
  });
});
