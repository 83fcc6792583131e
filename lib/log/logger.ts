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

const options: pino.LoggerOptions = {
  level: level(),
  base: { service: "seo-health-report" },
  redact: { paths, censor: "[redacted]" },
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
