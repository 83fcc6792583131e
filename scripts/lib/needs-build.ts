import fs from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "inngest",
  "public",
  "instrumentation.ts",
  "middleware.ts",
  "proxy.ts",
  "auth.ts",
  "next.config.mjs",
  "package-lock.json",
];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** True when there is no production build or a source file changed after it. */
export function needsBuild(): boolean {
  const id = ".next/BUILD_ID";
  if (!fs.existsSync(id)) return true;
  const built = fs.statSync(id).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}
