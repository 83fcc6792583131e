import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** zod parse whose failure is a 400 naming the first offending field in plain words. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, where: "body" | "query" | "form" = "body"): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join(".");
  const message = field ? `${field}: ${issue.message}` : issue.message;
  throw new AppError("bad_request", message, { details: { field: field || where } });
}
