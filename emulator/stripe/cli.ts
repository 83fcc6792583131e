import { DEFAULT_PORT, EMULATOR_SECRET_KEY, startStripeEmulator } from "./index";

/**
 * `npm run stripe:emulator`. Env: STRIPE_EMULATOR_URL (or STRIPE_EMULATOR_PORT, STRIPE_EMULATOR_HOST),
 * STRIPE_WEBHOOK_URL, STRIPE_WEBHOOK_SECRET, STRIPE_EMULATOR_DATA (a path, or "memory"),
 * STRIPE_EMULATOR_PUBLIC_URL, and the chaos switches (see README).
 */
const env = process.env;
const data = env.STRIPE_EMULATOR_DATA;
const fromUrl = env.STRIPE_EMULATOR_URL ? new URL(env.STRIPE_EMULATOR_URL) : null;
const emu = await startStripeEmulator({
  port: Number(env.STRIPE_EMULATOR_PORT ?? (fromUrl?.port || DEFAULT_PORT)),
  host: env.STRIPE_EMULATOR_HOST ?? fromUrl?.hostname ?? "127.0.0.1",
  ...(data ? { dataFile: data === "memory" ? null : data } : {}),
  ...(env.STRIPE_EMULATOR_PUBLIC_URL ? { publicUrl: env.STRIPE_EMULATOR_PUBLIC_URL } : {}),
});
console.log(`Stripe emulator (API ${emu.apiVersion}) at ${emu.url}`);
console.log(`  key: ${EMULATOR_SECRET_KEY} · webhook secret: ${emu.webhookSecret}`);
console.log(`  dashboard: ${emu.url}/ · test card 4242 4242 4242 4242`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await emu.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
