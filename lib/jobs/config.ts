import type { z } from "zod";
import { jobsEnvSchema as schema } from "@/lib/env";

/** Pipeline tuning (declared in lib/env.ts), read fresh from the environment on every call. */
export type JobsConfig = z.infer<typeof schema>;

export function jobsConfig(source: Record<string, string | undefined> = process.env): JobsConfig {
  return schema.parse(source);
}
