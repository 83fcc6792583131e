import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { dbStorage, storage } from "./index";

/** A minimal in-memory S3 (PUT/GET/DELETE object, path style) to check the client speaks to it. */
async function fakeS3() {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const key = decodeURIComponent((req.url ?? "").split("?")[0]!);
      if (req.method === "PUT") {
        objects.set(key, { body: Buffer.concat(chunks), type: String(req.headers["content-type"]) });
        res.writeHead(200, { etag: '"x"' }).end();
      } else if (req.method === "GET") {
        const o = objects.get(key);
        if (!o)
          res
            .writeHead(404, { "content-type": "application/xml" })
            .end("<Error><Code>NoSuchKey</Code><Message>none</Message></Error>");
        else res.writeHead(200, { "content-type": o.type, "content-length": o.body.length }).end(o.body);
      } else if (req.method === "DELETE") {
        objects.delete(key);
        res.writeHead(204).end();
      } else res.writeHead(405).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    objects,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe("storage backend selection", () => {
  afterEach(() => {
    for (const k of ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_ENDPOINT"]) delete process.env[k];
    resetEnvCache();
  });

  it("uses the database without S3 configuration", () => {
    expect(storage()).toBe(dbStorage);
  });

  it("stores, reads and deletes objects in an S3-compatible bucket when configured", async () => {
    const s3 = await fakeS3();
    try {
      Object.assign(process.env, {
        S3_BUCKET: "reports",
        S3_ACCESS_KEY_ID: "id",
        S3_SECRET_ACCESS_KEY: "secret",
        S3_ENDPOINT: s3.url,
      });
      resetEnvCache();
      const st = storage();
      expect(st).not.toBe(dbStorage);
      await st.put("reports/a.pdf", Buffer.from("%PDF-1.4 x"), "application/pdf");
      expect([...s3.objects.keys()]).toEqual(["/reports/reports/a.pdf"]);
      expect(await st.get("reports/a.pdf")).toEqual({
        data: Buffer.from("%PDF-1.4 x"),
        contentType: "application/pdf",
      });
      expect(await st.get("reports/missing.pdf")).toBeNull();
      await st.delete("reports/a.pdf");
      expect(s3.objects.size).toBe(0);
    } finally {
      await s3.close();
    }
  });
});
