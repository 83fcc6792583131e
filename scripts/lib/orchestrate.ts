import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { EnvError, parseEnv } from "@/lib/env";
import { EMULATOR_SECRET_KEY, EMULATOR_WEBHOOK_SECRET } from "@/lib/billing/stripe-client";
import { closeDatabase, migrateDatabase } from "@/db";
import { freePort, hostPglite } from "./pglite-host";
import { startAccessLogProxy } from "./access-log-proxy";
import { syncCatalogue } from "@/lib/billing/catalogue-sync";

type Stop = () => Promise<void>;

/**
 * Starts everything a machine with no accounts needs beside the Next server:
 * the shared PGlite (when DATABASE_URL is unset) and the Stripe emulator (when
 * no real Stripe key is set). The Next server then sees plain configuration:
 * a DATABASE_URL and a Stripe host, the same code path as production.
 */
export async function orchestrate(mode: "dev" | "start"): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  if (mode === "start") (process.env as Record<string, string>).NODE_ENV = "production";
  let config;
  try {
    config = parseEnv(process.env);
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(`Cannot start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const port = Number(process.env.PORT ?? 3000);
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, APP_URL: appUrl, PORT: String(port) };
  const stops: Stop[] = [];

  if (!config.DATABASE_URL) {
    const host = await hostPglite();
    stops.push(host.stop);
    // One connection: PGlite is a single session, and pglite-socket interleaves the extended-protocol messages of
    // concurrent connections (one connection's unnamed portal is replaced by another's: `portal "" does not
    // exist`). A single connection serialises queries exactly as the in-process PGlite does.
    Object.assign(childEnv, { DATABASE_URL: host.url, DATABASE_VIA_PGLITE_SOCKET: "1", DATABASE_POOL_SIZE: "1" });
    console.log(`• Database: embedded PGlite in ${config.PGLITE_DIR}, shared at ${host.url}`);
  } else {
    await migrateDatabase();
    await closeDatabase();
    console.log("• Database: DATABASE_URL");
  }

  if (process.env.REDIS_URL && !config.UPSTASH_REDIS_REST_URL) {
    const { startUpstashBridge } = await import("../../emulator/upstash/bridge");
    const bridge = await startUpstashBridge({ redisUrl: process.env.REDIS_URL });
    stops.push(bridge.close);
    Object.assign(childEnv, { UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: bridge.token });
    console.log(`• Rate limits: Upstash REST bridge ${bridge.url} → ${process.env.REDIS_URL}`);
  } else {
    console.log(`• Rate limits: ${config.UPSTASH_REDIS_REST_URL ? "Upstash" : "in-process"}`);
  }

  const key = config.STRIPE_SECRET_KEY;
  if (!key || key === EMULATOR_SECRET_KEY) {
    const emuUrl = new URL(config.STRIPE_EMULATOR_URL);
    // Imported lazily: the emulator is a dev tool, loaded only when no real key is set.
    const { startStripeEmulator } = await import("../../emulator/stripe/index");
    const emu = await startStripeEmulator({
      host: emuUrl.hostname,
      port: Number(emuUrl.port),
      webhookUrl: process.env.STRIPE_WEBHOOK_URL ?? `${appUrl}/api/webhooks/stripe`,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? EMULATOR_WEBHOOK_SECRET,
      dataFile:
        process.env.STRIPE_EMULATOR_DATA === "memory"
          ? null
          : (process.env.STRIPE_EMULATOR_DATA ?? path.resolve(".data/stripe-emulator.json")),
    });
    stops.push(emu.close);
    childEnv.STRIPE_SECRET_KEY = EMULATOR_SECRET_KEY;
    childEnv.STRIPE_WEBHOOK_SECRET = config.STRIPE_WEBHOOK_SECRET ?? EMULATOR_WEBHOOK_SECRET;
    console.log(`• Stripe: emulator at ${emu.url} (dashboard there; test card 4242 4242 4242 4242)`);
    // The emulator starts empty: give it the plans' products and prices (idempotent, like `npm run stripe:sync`).
    const sync = await syncCatalogue();
    if (config.DATABASE_URL) await closeDatabase();
    console.log(
      `• Stripe catalogue: ${sync.prices.created.length + sync.prices.replaced.length} prices written, ${sync.prices.unchanged.length} unchanged`,
    );
  } else {
    console.log("• Stripe: real API (STRIPE_SECRET_KEY)");
  }

  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  if (mode === "start" && !fs.existsSync(".next/BUILD_ID")) {
    console.error("No production build found: run `npm run build` first.");
    await stopAll(stops);
    process.exit(1);
  }
  // Next listens on loopback only; the public port is the access-log proxy in front of it.
  const nextPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, [nextBin, mode, "-p", String(nextPort), "-H", "127.0.0.1"], {
    env: childEnv,
    stdio: "inherit",
  });
  stops.push(await startAccessLogProxy({ port, upstreamPort: nextPort }));
  console.log(`• App: ${appUrl} (${mode === "dev" ? "development" : "production"} server, pid ${child.pid})`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill("SIGTERM");
    await stopAll(stops);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  child.on("exit", (code) => void shutdown(code ?? 1));
}

async function stopAll(stops: Stop[]): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
}
