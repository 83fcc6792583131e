import fs from "node:fs";

// Every e2e run starts from an empty database and an empty emulator.
if (!process.env.DATABASE_URL) fs.rmSync(".data/e2e", { recursive: true, force: true });
fs.mkdirSync(".data/e2e", { recursive: true });
const { orchestrate } = await import("./lib/orchestrate");
await orchestrate("start");
