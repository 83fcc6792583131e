import type { JobDefinition } from "../define";

/** A function the runner can execute: the main handler or its onFailure handler. */
export type Executable = { def: JobDefinition; failure: boolean };

export const FAILURE_SUFFIX = ":on-failure";

export function buildRegistry(jobs: JobDefinition[]): Map<string, Executable> {
  const m = new Map<string, Executable>();
  for (const def of jobs) {
    m.set(def.config.id, { def, failure: false });
    if (def.onFailure) m.set(def.config.id + FAILURE_SUFFIX, { def, failure: true });
  }
  return m;
}
