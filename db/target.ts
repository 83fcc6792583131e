import fs from "node:fs";
import path from "node:path";

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize: number; viaPgliteSocket: boolean }
  | { kind: "pglite"; dir: string }
  | { kind: "pglite-snapshot"; snapshot: string };

export function pgliteDir(e: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), e.PGLITE_DIR ?? ".data/pglite");
}

/** Written beside the directory by the process that owns it and serves it over pglite-socket. */
export function socketFilePath(e: NodeJS.ProcessEnv = process.env): string {
  return `${pgliteDir(e)}.socket.json`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The owning process's socket URL, if one is running for this checkout. */
export function pgliteSocketUrl(e: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(socketFilePath(e), "utf8")) as { pid: number; port: number };
    if (info.pid !== process.pid && alive(info.pid)) return `postgres://postgres@127.0.0.1:${info.port}/postgres`;
  } catch {
    // no socket file: nobody owns the directory yet
  }
  return undefined;
}

/**
 * DATABASE_URL wins; otherwise tests load a migrated snapshot into memory, a
 * process started beside a running dev server joins its PGlite over the socket,
 * and anything else opens the PGlite directory itself.
 */
export function resolveDatabaseTarget(e: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (e.DATABASE_URL) {
    return {
      kind: "postgres",
      url: e.DATABASE_URL,
      poolSize: Number(e.DATABASE_POOL_SIZE ?? 10),
      viaPgliteSocket: e.DATABASE_VIA_PGLITE_SOCKET === "1",
    };
  }
  if (e.PGLITE_SNAPSHOT) return { kind: "pglite-snapshot", snapshot: e.PGLITE_SNAPSHOT };
  const socket = pgliteSocketUrl(e);
  if (socket) return { kind: "postgres", url: socket, poolSize: 1, viaPgliteSocket: true };
  return { kind: "pglite", dir: pgliteDir(e) };
}
