import { z } from "zod";

// C0 controls and DEL: Postgres rejects NUL in text and jsonb, and none belongs in a keyword, a name or a note.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A trimmed string a person typed: no control characters and no lone UTF-16
 * surrogates (JSON can carry both; the database cannot store them), so such
 * input is a 400 naming the field instead of a failed insert (a 500).
 */
export function plainText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !CONTROL.test(v), "must not contain control characters")
    .refine((v) => !LONE_SURROGATE.test(v), "must be valid Unicode text");
}

/** Ids we generate or Stripe generates are plain ASCII tokens; anything else cannot name a row. */
export function isIdToken(v: string): boolean {
  return /^[A-Za-z0-9_-]{1,255}$/.test(v);
}
