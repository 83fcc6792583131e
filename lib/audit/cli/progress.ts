/** A one-line progress bar on stderr, redrawn at most every 100 ms; silent when stderr is not a terminal. */
import type { Progress } from "../types";

export function progressBar(
  stream: NodeJS.WriteStream,
  budget: number,
): { update: (p: Progress) => void; done: () => void } {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let drawn = false;
  const update = (p: Progress) => {
    const now = Date.now();
    if (now - last < 100 && p.phase === "crawling") return;
    last = now;
    const width = 30;
    const total = Math.max(budget, p.pagesDone + p.queued, 1);
    const filled = Math.min(width, Math.round((p.pagesDone / total) * width));
    const host = (() => {
      try {
        return new URL(p.site).host;
      } catch {
        return p.site;
      }
    })();
    const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${p.pagesDone} pages, ${p.queued} queued · ${p.phase} ${host}`;
    stream.write(`\r${line.slice(0, (stream.columns || 100) - 1).padEnd((stream.columns || 100) - 1)}`);
    drawn = true;
  };
  return { update, done: () => drawn && stream.write("\r\x1b[K") };
}
