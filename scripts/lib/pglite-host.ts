import fs from "node:fs";
import net from "node:net";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { migrateDatabase, ownedPglite } from "@/db";
import { pgliteDir, pgliteSocketUrl, socketFilePath } from "@/db/target";

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Opens the PGlite directory in this (orchestrator) process, migrates it and
 * serves it over the Postgres wire protocol, so the Next server, the job runner
 * and any script started meanwhile share one instance instead of opening the
 * directory twice. Returns the URL children connect to.
 */
export async function hostPglite(): Promise<{ url: string; stop: () => Promise<void> }> {
  const owner = pgliteSocketUrl();
  if (owner)
    throw new Error(`Another process already serves ${pgliteDir()} (${owner}); stop it first or set PGLITE_DIR.`);
  await migrateDatabase();
  const pg = ownedPglite();
  if (!pg) throw new Error("hostPglite called while DATABASE_URL points at a server");
  const port = Number(process.env.PGLITE_SOCKET_PORT) || (await freePort());
  const server = new PGLiteSocketServer({ db: pg, port, host: "127.0.0.1", maxConnections: 100 });
  await server.start();
  const file = socketFilePath();
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, port }));
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      fs.rmSync(file, { force: true });
      await server.stop();
      await pg.close();
    },
  };
}
