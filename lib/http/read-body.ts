import { AppError } from "@/lib/errors";

export const DEFAULT_MAX_BODY = 64 * 1024;

/** Reads the raw body with a size cap, so an oversized request is refused before it is buffered whole. */
export async function readRawBody(req: Request, maxBytes = DEFAULT_MAX_BODY): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `Request body is larger than ${maxBytes} bytes.`);
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", `Request body is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readJsonBody(req: Request, maxBytes?: number): Promise<unknown> {
  const raw = await readRawBody(req, maxBytes);
  if (raw.length === 0) throw new AppError("bad_request", "Request body is empty; send a JSON object.");
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON.");
  }
}
