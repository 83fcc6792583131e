"use client";

export type ApiResult<T> =
  { ok: true; data: T } | { ok: false; status: number; message: string; field?: string; retryAfter?: number };

/** JSON call to our own API with the house error shape `{ error: { code, message, field? } }`. */
export async function callApi<T = Record<string, unknown>>(
  url: string,
  method: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, message: "Could not reach the server. Check your connection and try again." };
  }
  const data = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: data as T };
  const err = (data as { error?: { message?: string; field?: string } } | null)?.error;
  return {
    ok: false,
    status: res.status,
    message: stripFieldPrefix(err?.message, err?.field) ?? "Something went wrong. Please try again.",
    field: err?.field,
    retryAfter: Number(res.headers.get("retry-after")) || undefined,
  };
}

/** Server messages read "password: Use at least…"; next to the field the prefix is noise. */
function stripFieldPrefix(message: string | undefined, field: string | undefined) {
  if (!message || !field) return message;
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}
