import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { ChaosConfig, PersistedState, StoredObject } from "./types";

export const DEFAULT_CHAOS: ChaosConfig = {
  duplicate: 1,
  shuffleWindow: 1,
  delayMs: 0,
  dropFirstAttempt: false,
  retryBaseMs: 1000,
  maxAttempts: 10,
  timeoutMs: 10_000,
};

function emptyState(config: ChaosConfig): PersistedState {
  return {
    version: 1,
    clockOffset: 0,
    seq: 0,
    objects: {},
    internal: {
      checkoutLineItems: {},
      cardNumbers: {},
      invoicePayments: {},
      dunningStart: {},
      trialWillEndSent: {},
      pending3ds: {},
      checkoutOptions: {},
    },
    deliveries: [],
    idempotency: {},
    config: { ...config },
  };
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function randomId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

/**
 * All emulator state in one JSON-serialisable value. Objects live in one map keyed
 * by id (insertion order = creation order, which lists rely on), so any id can be
 * resolved for `expand[]` without knowing its type.
 */
export class Store {
  state: PersistedState;
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataFile: string | null,
    private readonly initialConfig: ChaosConfig,
  ) {
    this.state = this.load();
  }

  private load(): PersistedState {
    if (this.dataFile && fs.existsSync(this.dataFile)) {
      try {
        const parsed = JSON.parse(fs.readFileSync(this.dataFile, "utf8")) as PersistedState;
        if (parsed.version === 1) return { ...emptyState(this.initialConfig), ...parsed };
      } catch {
        // A corrupt file (e.g. a crash mid-write) must not keep the emulator from starting.
      }
    }
    return emptyState(this.initialConfig);
  }

  /** Emulated time in Unix seconds: wall clock plus whatever `/_emulator/advance` added. */
  now(): number {
    return Math.floor(Date.now() / 1000) + this.state.clockOffset;
  }

  nextSeq(): number {
    this.state.seq += 1;
    return this.state.seq;
  }

  get<T extends StoredObject>(id: string, type?: string): T | undefined {
    const o = this.state.objects[id];
    if (!o || (type && o.object !== type)) return undefined;
    return o as T;
  }

  put<T extends StoredObject>(obj: T): T {
    this.state.objects[obj.id] = obj;
    this.touch();
    return obj;
  }

  remove(id: string): void {
    delete this.state.objects[id];
    this.touch();
  }

  /** Newest first, like every Stripe list. */
  all<T extends StoredObject>(type: string): T[] {
    const out: T[] = [];
    for (const o of Object.values(this.state.objects)) if (o.object === type) out.push(o as T);
    return out.reverse();
  }

  reset(): void {
    this.state = emptyState(this.state.config);
    this.touch();
  }

  /** Coalesces writes: a checkout touches a dozen objects and should cost one write. */
  touch(): void {
    if (!this.dataFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), 50);
    this.saveTimer.unref();
  }

  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.dataFile) return;
    fs.mkdirSync(path.dirname(this.dataFile), { recursive: true });
    const tmp = `${this.dataFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state));
    fs.renameSync(tmp, this.dataFile);
  }
}
