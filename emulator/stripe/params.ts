import type { Params, ParamValue } from "./form";
import { invalid, missingParam } from "./errors";

/** Typed readers over parsed form params; bad types become Stripe's 400 with the param name. */
export function str(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string")
    throw invalid(`Invalid string: ${name} must be a string.`, name, "parameter_invalid_string");
  return v;
}

export function reqStr(p: Params, name: string): string {
  const v = str(p, name);
  if (v === undefined || v === "") throw missingParam(name);
  return v;
}

export function int(p: Params, name: string): number | undefined {
  const v = str(p, name);
  if (v === undefined || v === "") return undefined;
  if (!/^-?\d+$/.test(v)) throw invalid(`Invalid integer: ${v}`, name, "parameter_invalid_integer");
  return Number(v);
}

export function bool(p: Params, name: string): boolean | undefined {
  const v = str(p, name);
  if (v === undefined || v === "") return undefined;
  if (v !== "true" && v !== "false") throw invalid(`Invalid boolean: ${v}`, name, "parameter_invalid_boolean");
  return v === "true";
}

export function oneOf<T extends string>(p: Params, name: string, allowed: readonly T[]): T | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw invalid(`Invalid ${name}: must be one of ${allowed.join(", ")}`, name);
  }
  return v as T;
}

export function obj(p: Params, name: string): Params | undefined {
  const v = p[name];
  if (v === undefined || v === "") return undefined;
  if (typeof v !== "object" || Array.isArray(v))
    throw invalid(`Invalid object: ${name}`, name, "parameter_invalid_object");
  return v;
}

export function arr(p: Params, name: string): ParamValue[] {
  const v = p[name];
  if (v === undefined || v === "") return [];
  if (!Array.isArray(v)) throw invalid(`Invalid array: ${name}`, name, "parameter_invalid_array");
  return v;
}

export function strArr(p: Params, name: string): string[] {
  return arr(p, name).map((v) => {
    if (typeof v !== "string") throw invalid(`Invalid array of strings: ${name}`, name);
    return v;
  });
}

/** Metadata update semantics: merge, and an empty string deletes a key (or the whole map). */
export function mergeMetadata(current: Record<string, string>, p: Params): Record<string, string> {
  const v = p.metadata;
  if (v === undefined) return current;
  if (v === "") return {};
  if (typeof v !== "object" || Array.isArray(v)) throw invalid("Invalid metadata", "metadata");
  const out = { ...current };
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== "string") throw invalid(`Invalid metadata[${k}]`, `metadata[${k}]`);
    if (val === "") delete out[k];
    else out[k] = val;
  }
  return out;
}
