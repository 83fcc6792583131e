import { orchestrate } from "./lib/orchestrate";

await orchestrate("dev");
