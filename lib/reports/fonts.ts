import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

const require = createRequire(import.meta.url);

/**
 * A font package's folder: from the project's node_modules (as db/ does with migrations), else wherever Node
 * resolves it. The resolvers are literal so the bundler can see them.
 */
const RESOLVE: Record<string, () => string> = {
  "dejavu-fonts-ttf": () => require.resolve("dejavu-fonts-ttf/package.json"),
  "@expo-google-fonts/noto-sans-sc": () => require.resolve("@expo-google-fonts/noto-sans-sc/package.json"),
};

function packageDir(name: keyof typeof RESOLVE & string): string {
  const local = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", name);
  if (fs.existsSync(local)) return local;
  return path.dirname(RESOLVE[name]!());
}

/**
 * DejaVu Sans (shipped as the dejavu-fonts-ttf package) covers Latin, Cyrillic,
 * Greek, Arabic, Hebrew and symbols such as → and ✓ — Helvetica does not.
 * Noto Sans SC (@expo-google-fonts/noto-sans-sc) is the fallback for Chinese
 * and Japanese text; it is ~10 MB, so it is only loaded for documents that
 * contain such characters.
 */
export const FAMILY = "DejaVuSans";
export const CJK_FAMILY = "NotoSansSC";

const CJK = /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** The font family list for a document whose text is `sample` (any string that contains all of it). */
export function fontFamilyFor(sample: string): string | string[] {
  return CJK.test(sample) ? [FAMILY, CJK_FAMILY] : FAMILY;
}

export function registerFonts(): void {
  // Fresh font objects for every document: react-pdf reuses a font's glyph subset across documents, and a
  // second report rendered in the same process lost glyphs (the cover's "SEO" came out as "EO").
  const registered = Font.getRegisteredFonts();
  delete registered[FAMILY];
  delete registered[CJK_FAMILY];
  const dejavu = path.join(packageDir("dejavu-fonts-ttf"), "ttf");
  Font.register({
    family: FAMILY,
    fonts: [
      { src: path.join(dejavu, "DejaVuSans.ttf") },
      { src: path.join(dejavu, "DejaVuSans-Bold.ttf"), fontWeight: "bold" },
    ],
  });
  const noto = packageDir("@expo-google-fonts/noto-sans-sc");
  Font.register({
    family: CJK_FAMILY,
    fonts: [
      { src: path.join(noto, "400Regular", "NotoSansSC_400Regular.ttf") },
      { src: path.join(noto, "700Bold", "NotoSansSC_700Bold.ttf"), fontWeight: "bold" },
    ],
  });
  // URLs have no spaces: let react-pdf break them anywhere instead of overflowing cells.
  Font.registerHyphenationCallback((word) => (word.length > 30 ? (word.match(/.{1,12}/g) ?? [word]) : [word]));
}
