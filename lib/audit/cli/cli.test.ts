import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveFixture, type FixtureServer } from "../testing/fixture-server";
import { page } from "../testing/html";
import { parseArgs } from "./args";

const root = path.resolve(import.meta.dirname, "../../..");
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/audit.ts", ...args],
      { cwd: root, env: { ...process.env, AUDIT_ALLOW_PRIVATE_NETWORKS: "" } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("parseArgs", () => {
  it("parses every option", () => {
    expect(
      parseArgs([
        "https://a.example",
        "--max-pages",
        "20",
        "--concurrency=4",
        "--keywords",
        "a, b",
        "--competitor",
        "b.example",
        "--competitor",
        "c.example",
        "--json",
        "--pdf",
        "r.pdf",
        "--allow-private",
      ]),
    ).toEqual({
      url: "https://a.example",
      maxPages: 20,
      concurrency: 4,
      keywords: ["a", "b"],
      competitors: ["b.example", "c.example"],
      json: true,
      pdf: "r.pdf",
      allowPrivate: true,
      help: false,
    });
  });

  it.each([
    [[], /Missing URL/],
    [["a", "b"], /Expected one URL/],
    [["a", "--max-pages", "0"], /--max-pages must be a whole number/],
    [["a", "--concurrency", "2.5"], /--concurrency must be a whole number/],
    [["a", "--pdf"], /--pdf needs a value/],
    [["a", "--frobnicate"], /Unknown option --frobnicate/],
  ])("refuses %j", (argv, msg) => {
    expect(() => parseArgs(argv as string[])).toThrow(msg);
  });
});

describe("npm run audit", () => {
  let site: FixtureServer;
  beforeAll(async () => {
    site = await serveFixture({ "/": { body: page({ path: "/" }) } });
  });
  afterAll(() => site.close());

  it("prints the JSON result and exits 0", async () => {
    const r = await cli([site.origin, "--json", "--allow-private", "--max-pages", "3"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ schemaVersion: 1, target: `${site.origin}/`, stats: { pagesCrawled: 1 } });
    expect(r.stderr).toBe(""); // no progress bar when stderr is not a terminal
  });

  it("exits 2 with one line on bad input, including a private target without --allow-private", async () => {
    const bad = await cli(["ftp://example.com"]);
    expect([bad.code, bad.stderr.trim().split("\n")]).toEqual([
      2,
      ["Only http and https URLs can be audited (got ftp:)."],
    ]);
    const priv = await cli([site.origin]);
    expect(priv.code).toBe(2);
    expect(priv.stderr).toMatch(/^Could not reach .*loopback address/);
  });

  it("exits 1 when the target cannot be reached", async () => {
    const closed = await serveFixture({});
    await closed.close();
    const r = await cli([closed.origin, "--allow-private"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
