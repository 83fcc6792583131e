import pino from "pino";

/** Keys whose values never reach a log line, wherever they appear in an object. */
const REDACT = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "secret",
  "authorization",
  "cookie",
  "card",
  "cardNumber",
  "cvc",
  "stripeSignature",
];

const paths = REDACT.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`, `req.headers.${k}`]);

function level(): string {
  if (process.env.LOG_LEVEL) return process.env.LOG_LEVEL;
  if (process.env.NODE_ENV === "test") return "silent";
  return "info";
}

const pretty = process.env.NODE_ENV === "development" && process.env.LOG_FORMAT !== "json";

/** A failed query's text carries its bound values (password and token hashes, emails): keep the SQL, drop those. */
const scrubParams = (text: string) => text.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/g, "\nparams: [redacted]");

function serializeError(e: unknown): unknown {
  const out = pino.stdSerializers.err(e as Error) as unknown as Record<string, unknown> | undefined;
  if (!out || typeof out !== "object") return out;
  for (const k of ["message", "stack"] as const) if (typeof out[k] === "string") out[k] = scrubParams(out[k]);
  if ("params" in out) out.params = "[redacted]";
  if (out.cause && typeof out.cause === "object") out.cause = serializeError(out.cause);
  return out;
}

const options: pino.LoggerOptions = {
  level: level(),
  base: { service: "seo-health-report" },
  redact: { paths, censor: "[redacted]" },
  serializers: { err: serializeError },
  timestamp: pino.stdTimeFunctions.isoTime,
};

/** A logger with the app's redaction rules writing to `destination` (tests capture lines this way). */
export function createLogger(destination: pino.DestinationStream, level = "info") {
  return pino({ ...options, level }, destination);
}

export const logger = pino({
  ...options,
  ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "HH:MM:ss" } } } : {}),
});

export type Logger = typeof logger;
