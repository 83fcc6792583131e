import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "./audit";
import { ForbiddenAddressError } from "./errors";
import { createFetcher } from "./fetcher";
import { fetchChain } from "./redirects";
import { forbiddenReason, type AddressPolicy, type LookupFn } from "./ssrf";
import { serveFixture, type FixtureServer } from "./testing/fixture-server";
import { assertAllowedUrl, parseStartUrl } from "./url";

describe("forbiddenReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.1.1", "linkLocal"],
    ["169.254.169.254", "cloud metadata"],
    ["100.64.0.1", "carrierGradeNat"],
    ["224.0.0.1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["fe80::1", "linkLocal"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "cloud metadata"],
    ["fd00:ec2::254", "cloud metadata"],
  ])("refuses %s (%s)", (ip, reason) => {
    expect(forbiddenReason(ip)).toContain(reason);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"])("allows public %s", (ip) => {
    expect(forbiddenReason(ip)).toBeNull();
  });
});

describe("static URL rules", () => {
  it.each([
    ["ftp://example.com/", /Only http and https/],
    ["file:///etc/passwd", /Only http and https/],
    ["javascript:alert(1)", /Only http and https/],
    ["https://user:pw@example.com/", /credentials/],
    ["https://user@example.com/", /credentials/],
    ["http://example.com:22/", /Port 22 is refused/],
    ["http://example.com:25/", /Port 25 is refused/],
  ])("refuses %s", (url, msg) => {
    expect(() => assertAllowedUrl(new URL(url))).toThrow(msg);
  });

  it.each(["http://example.com:80/", "https://example.com:443/", "http://example.com:8080/", "https://example.com/"])(
    "allows %s",
    (url) => expect(() => assertAllowedUrl(new URL(url))).not.toThrow(),
  );

  it("accepts a bare host as the start URL and refuses garbage", () => {
    expect(parseStartUrl("example.com")).toBe("https://example.com/");
    expect(() => parseStartUrl("http://")).toThrow(/not a valid URL/);
  });
});

describe("connection-time guard", () => {
  let site: FixtureServer;
  // Test DNS: every *.test name resolves to the fixture server's loopback address.
  const lookup: LookupFn = (hostname, options, cb) => {
    if (!hostname.endsWith(".test")) return cb(Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" }), "");
    if (options.all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
    else cb(null, "127.0.0.1", 4);
  };
  // Pretend public.test is a public host, so its redirects can be followed into the private network.
  const policy: AddressPolicy = (address, hostname) => (hostname === "public.test" ? null : forbiddenReason(address));
  const fetcher = () =>
    createFetcher({
      allowPrivate: false,
      userAgent: "t",
      timeoutMs: 5000,
      maxBodyBytes: 1e6,
      connections: 2,
      lookup,
      addressPolicy: policy,
    });

  beforeAll(async () => {
    const port = () => new URL(site.origin).port;
    site = await serveFixture({
      "/": { body: "<title>ok</title>" },
      "/to-ip": () => ({ status: 302, headers: { location: `http://127.0.0.1:${port()}/` } }),
      "/to-name": () => ({ status: 301, headers: { location: `http://internal.test:${port()}/` } }),
    });
  });
  afterAll(() => site.close());

  const at = (host: string, path: string) => `http://${host}:${new URL(site.origin).port}${path}`;

  it("reaches the simulated public host", async () => {
    const f = fetcher();
    const r = await f.fetchOnce(at("public.test", "/"));
    expect(r.status).toBe(200);
    await f.close();
  });

  it("refuses a hostname that resolves to loopback, at connection time", async () => {
    const f = fetcher();
    const r = await f.fetchOnce(at("rebind.test", "/"));
    expect(r.status).toBeNull();
    expect(r.forbidden).toBe(true);
    expect(r.error).toMatch(/loopback address/);
    expect(site.hits.get("/")).toBe(1); // only the public.test request above reached the server
    await f.close();
  });

  it("refuses IP literals in private ranges before connecting", async () => {
    const f = fetcher();
    for (const host of ["127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "169.254.169.254", "10.0.0.1"]) {
      const r = await f.fetchOnce(`http://${host}:${new URL(site.origin).port}/`);
      expect(r.forbidden, host).toBe(true);
    }
    await f.close();
  });

  it("refuses redirects into a private address (IP literal or name)", async () => {
    const f = fetcher();
    const a = await fetchChain(f, at("public.test", "/to-ip"));
    expect(a.hops).toEqual([{ url: at("public.test", "/to-ip"), status: 302 }]);
    expect(a.final.forbidden).toBe(true);
    const b = await fetchChain(f, at("public.test", "/to-name"));
    expect(b.final.forbidden).toBe(true);
    expect(b.final.error).toMatch(/internal\.test/);
    await f.close();
  });

  it("runAudit refuses a private start URL with a clear error unless private networks are allowed", async () => {
    await expect(runAudit({ url: site.origin + "/", allowPrivate: false })).rejects.toBeInstanceOf(
      ForbiddenAddressError,
    );
    await expect(runAudit({ url: site.origin + "/", allowPrivate: false })).rejects.toThrow(
      /AUDIT_ALLOW_PRIVATE_NETWORKS/,
    );
    const ok = await runAudit({ url: site.origin + "/", allowPrivate: true, maxPages: 1 });
    expect(ok.pages[0]!.status).toBe(200);
  });
});
