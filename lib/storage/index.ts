import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { env } from "@/lib/env";
import { s3Storage } from "./s3";

/**
 * Where report PDFs and large results live. The database (`stored_files`) is
 * the default; an S3-compatible bucket when S3_BUCKET and credentials are set. Downloads always go through the
 * app (an ownership check), never a public URL.
 */
export type Storage = {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<{ data: Buffer; contentType: string } | null>;
  delete(key: string): Promise<void>;
};

export const dbStorage: Storage = {
  async put(key, data, contentType) {
    await db()
      .insert(schema.storedFiles)
      .values({ key, data, contentType, sizeBytes: data.length })
      .onConflictDoUpdate({
        target: schema.storedFiles.key,
        set: { data, contentType, sizeBytes: data.length, createdAt: new Date() },
      });
  },
  async get(key) {
    const [f] = await db().select().from(schema.storedFiles).where(eq(schema.storedFiles.key, key));
    return f ? { data: Buffer.from(f.data), contentType: f.contentType } : null;
  },
  async delete(key) {
    await db().delete(schema.storedFiles).where(eq(schema.storedFiles.key, key));
  },
};

let cached: { key: string; storage: Storage } | undefined;

export function storage(): Storage {
  const e = env();
  const useS3 = Boolean(e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY);
  const key = useS3 ? `s3:${e.S3_ENDPOINT ?? ""}:${e.S3_BUCKET}` : "db";
  if (cached?.key !== key) cached = { key, storage: useS3 ? s3Storage(e) : dbStorage };
  return cached.storage;
}
