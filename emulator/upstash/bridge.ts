import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Redis from "ioredis";

/**
 * An Upstash-compatible REST endpoint in front of a real Redis, so the
 * production @upstash/ratelimit + @upstash/redis code path runs against the
 * local server in development and CI. It speaks what the client sends:
 * `POST /` (one command), `POST /pipeline`, `POST /multi-exec`, bearer auth,
 * and `Upstash-Encoding: base64` replies.
 */
export type UpstashBridge = { url: string; token: string; close(): Promise<void> };

// Upstash scripts declare `#!lua flags=allow-key-locking`, which Redis 7.0 rejects.
const SHEBANG = /^#!lua[^\n]*\n/;
const sha1 = (s: string) => crypto.createHash("sha1").update(s).digest("hex");

type Reply = { result?: unknown; error?: string };

function encode(value: unknown, base64: boolean): unknown {
  if (!base64) return value;
  if (typeof value === "string") return value === "OK" ? value : Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map((v) => encode(v, base64));
  return value;
}

export async function startUpstashBridge(opts: {
  redisUrl: string;
  port?: number;
  token?: string;
}): Promise<UpstashBridge> {
  const redis = new Redis(opts.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
  const token = opts.token ?? crypto.randomBytes(16).toString("hex");
  const scriptAlias = new Map<string, string>(); // sha1(original) → sha1(stripped)

  /** Rewrites Upstash-only script flags so stock Redis accepts them. */
  function prepare(command: unknown[]): string[] {
    const [name, ...rawArgs] = command.map(String);
    const cmd = name!.toUpperCase();
    const args = [...rawArgs];
    const at = cmd === "EVAL" ? 0 : cmd === "SCRIPT" ? 1 : -1;
    if (at >= 0 && args[at] && SHEBANG.test(args[at]!)) {
      const stripped = args[at]!.replace(SHEBANG, "");
      scriptAlias.set(sha1(args[at]!), sha1(stripped));
      args[at] = stripped;
    }
    if (cmd === "EVALSHA" && scriptAlias.has(args[0]!)) args[0] = scriptAlias.get(args[0]!)!;
    return [cmd, ...args];
  }

  async function reply(command: unknown[], base64: boolean): Promise<Reply> {
    try {
      const [cmd, ...args] = prepare(command);
      let result = await redis.call(cmd!, ...args);
      // The client compares SCRIPT LOAD's answer with the hash of what it sent.
      if (cmd === "SCRIPT" && args[0]?.toUpperCase() === "LOAD") result = sha1(String(command[2]));
      return { result: encode(result, base64) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }

  async function transaction(commands: unknown[][], base64: boolean): Promise<Reply[]> {
    // MULTI…EXEC sent as one unit, so concurrent requests cannot interleave with it.
    const queued = commands.map(prepare).map(([cmd, ...args]) => [cmd!.toLowerCase(), ...args]);
    const results = (await redis.multi(queued).exec()) ?? [];
    return results.map(([err, r]) => (err ? { error: err.message } : { result: encode(r, base64) }));
  }

  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "Unauthorized" });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(400, { error: "ERR body is not JSON" });
    }
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const path = (req.url ?? "/").split("?")[0];
    try {
      if (path === "/multi-exec") return send(200, await transaction(body as unknown[][], base64));
      if (path === "/pipeline") return send(200, await Promise.all((body as unknown[][]).map((c) => reply(c, base64))));
      const r = await reply(body as unknown[], base64);
      return send(r.error ? 400 : 200, r);
    } catch (e) {
      return send(400, { error: e instanceof Error ? e.message : String(e) });
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      redis.disconnect();
    },
  };
}
