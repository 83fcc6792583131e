import { EventEmitter } from "node:events";

/** In-process doorbell: sendEvent rings it so the runner does not wait for its next poll. */
const g = globalThis as unknown as { __jobWake?: EventEmitter };
export const wake = (g.__jobWake ??= new EventEmitter().setMaxListeners(100));

export function notifyRunner(): void {
  wake.emit("wake");
}
