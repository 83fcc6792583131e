/**
 * Stripe's wire format: `application/x-www-form-urlencoded` with bracket nesting
 * (`line_items[0][price]=…`, `expand[]=…`, `metadata[k]=…`). stripe-node encodes
 * arrays with explicit indices; browsers and curl users often send `[]`.
 */
export type Params = { [key: string]: ParamValue };
export type ParamValue = string | Params | ParamValue[];

export function parseForm(body: string): Params {
  const root: Params = {};
  if (!body) return root;
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = splitKey(rawKey);
    assign(root, path, value);
  }
  return normalizeArrays(root) as Params;
}

function splitKey(key: string): string[] {
  const first = key.indexOf("[");
  if (first < 0) return [key];
  const parts = [key.slice(0, first)];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key.slice(first)))) parts.push(m[1] ?? "");
  return parts;
}

// Builds objects keyed by index first ("" means append); normalizeArrays turns them into arrays.
function assign(target: Params, path: string[], value: string): void {
  let node: Params = target;
  for (let i = 0; i < path.length; i += 1) {
    let key = path[i] ?? "";
    const last = i === path.length - 1;
    if (key === "") key = `__append_${Object.keys(node).length}`;
    if (last) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Params;
  }
}

function normalizeArrays(v: ParamValue): ParamValue {
  if (typeof v === "string" || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  const arrayLike = keys.length > 0 && keys.every((k) => /^\d+$/.test(k) || k.startsWith("__append_"));
  if (arrayLike) {
    const sorted = keys.sort((a, b) => order(a) - order(b));
    return sorted.map((k) => normalizeArrays(v[k] as ParamValue));
  }
  const out: Params = {};
  for (const k of keys) out[k] = normalizeArrays(v[k] as ParamValue);
  return out;
}

function order(k: string): number {
  return k.startsWith("__append_") ? Number(k.slice(9)) : Number(k);
}

/** A canonical string for comparing the parameters of two idempotent requests. */
export function fingerprint(method: string, path: string, params: Params): string {
  return `${method} ${path} ${stableStringify(params)}`;
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}
