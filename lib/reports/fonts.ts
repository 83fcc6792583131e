import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

/** From the project's node_modules (as db/ does with migrations), else wherever Node resolves the package. */
function fontDir(): string {
  const local = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
  if (fs.existsSync(local)) return local;
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
}

/**
 * DejaVu Sans (shipped as the dejavu-fonts-ttf package) covers Latin, Cyrillic,
 * Greek, Arabic, Hebrew and symbols such as → and ✓ — Helvetica does not. It
 * has no CJK glyphs.
 */
export const FAMILY = "DejaVuSans";

export function registerFonts(): void {
  // Fresh font objects for every document: react-pdf reuses a font's glyph subset across documents, and a
  // second report rendered in the same process lost glyphs (the cover's "SEO" came out as "EO").
  delete Font.getRegisteredFonts()[FAMILY];
  const dir = fontDir();
  Font.register({
    family: FAMILY,
    fonts: [
      { src: path.join(dir, "DejaVuSans.ttf") },
      { src: path.join(dir, "DejaVuSans-Bold.ttf"), fontWeight: "bold" },
    ],
  });
  // URLs have no spaces: let react-pdf break them anywhere instead of overflowing cells.
  Font.registerHyphenationCallback((word) => (word.length > 30 ? (word.match(/.{1,12}/g) ?? [word]) : [word]));
}
