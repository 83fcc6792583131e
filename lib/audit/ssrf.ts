/**
 * SSRF guard. The address check runs inside the socket's DNS lookup, i.e. at
 * connection time for every request and redirect hop, so a hostname that
 * resolves to a public address during validation and a private one later (DNS
 * rebinding) is still refused. IP-literal hosts never reach `lookup`, so they
 * are checked before the request (`assertPublicHost`).
 */
import dns from "node:dns";
import type { LookupAddress, LookupOptions } from "node:dns";
import ipaddr from "ipaddr.js";
import { ForbiddenAddressError } from "./errors";

export type LookupFn = (
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

const METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "100.100.100.200"]);

/** Returns the reason an address may not be contacted, or null if it is public unicast. */
export function forbiddenReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return "not an IP address";
  // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into IPv4 so the IPv4 rules apply.
  const ip = ipaddr.process(address);
  if (METADATA.has(ip.toNormalizedString()) || METADATA.has(address)) return "cloud metadata address";
  const range = ip.range();
  if (range === "unicast") {
    // ipaddr.js calls some special IPv6 blocks "unicast"; anything that embeds IPv4 is checked on the embedded part.
    if (ip.kind() === "ipv6") {
      const v6 = ip as ipaddr.IPv6;
      if (v6.isIPv4MappedAddress()) return forbiddenReason(v6.toIPv4Address().toString());
    }
    return null;
  }
  return `${range} address`;
}

/** Decides whether an address may be contacted; tests substitute one to simulate a public host. */
export type AddressPolicy = (address: string, hostname: string) => string | null;
export const defaultPolicy: AddressPolicy = (address) => forbiddenReason(address);

export function assertPublicAddress(address: string, host: string, policy: AddressPolicy = defaultPolicy): void {
  const reason = policy(address, host);
  if (reason)
    throw new ForbiddenAddressError(
      `Refusing to connect to ${host} (${address}): ${reason}. Private networks are only allowed with AUDIT_ALLOW_PRIVATE_NETWORKS=1.`,
    );
}

/** For IP-literal hosts, which bypass DNS lookup. */
export function assertPublicHost(hostname: string, policy: AddressPolicy = defaultPolicy): void {
  const h = hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(h)) assertPublicAddress(h, hostname, policy);
}

/** Wraps a lookup so that every resolved address is checked before the socket connects. */
export function guardedLookup(
  base: LookupFn = dns.lookup as unknown as LookupFn,
  policy: AddressPolicy = defaultPolicy,
): LookupFn {
  return (hostname, options, callback) => {
    base(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = addresses as LookupAddress[];
      try {
        if (list.length === 0) throw new ForbiddenAddressError(`${hostname} did not resolve to any address.`);
        for (const a of list) assertPublicAddress(a.address, hostname, policy);
      } catch (e) {
        return callback(e as NodeJS.ErrnoException, "");
      }
      if (options.all) callback(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
