/**
 * The fetch the API hands to ingestion when a client posts a URL. A server that fetches URLs its
 * clients name must not become their way into the network it runs in: unless told otherwise
 * (`allowPrivateNetworks`), every URL fetched (the first and each redirect) must resolve only to
 * public addresses, never to loopback, private, link-local (cloud metadata), CGNAT, multicast or
 * reserved ones. (A name that resolves to a public address here and to a private one a moment
 * later, DNS rebinding, is not caught; a deployment that cares runs behind an egress proxy.)
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { FetchError, type FetchLike } from "../ingest/index.js";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** Whether an IP address is one a public fetch must not reach. */
export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped?.[1]) return blocked.check(mapped[1], "ipv4");
  const family = isIP(a);
  if (family === 4) return blocked.check(a, "ipv4");
  if (family === 6) {
    // ::ffff:7f00:1 (an IPv4-mapped address in hex) is 127.0.0.1.
    const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
    if (hexMapped?.[1] && hexMapped[2]) {
      const hi = Number.parseInt(hexMapped[1], 16);
      const lo = Number.parseInt(hexMapped[2], 16);
      return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, "ipv4");
    }
    return blocked.check(a, "ipv6");
  }
  return true;
}

export type Resolver = (hostname: string) => Promise<string[]>;

const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((r) => r.address);

/** Wraps `inner` so that it refuses URLs that lead to private or local addresses. */
export function publicOnlyFetch(inner: FetchLike, resolve: Resolver = systemResolver): FetchLike {
  return async (url, init) => {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    let addresses: string[];
    if (isIP(host)) {
      addresses = [host];
    } else {
      try {
        addresses = await resolve(host);
      } catch (e) {
        throw new FetchError(
          "network",
          url,
          `cannot fetch ${url}: ${(e as { code?: string }).code ?? (e as Error).message} (the name ${host} does not resolve)`,
        );
      }
    }
    const bad = addresses.find(isPrivateAddress);
    if (bad !== undefined || addresses.length === 0) {
      throw new FetchError(
        "bad-url",
        url,
        `${url} leads to ${bad ?? "no address"}, a private, local or reserved address: this server fetches public addresses only`,
      );
    }
    return inner(url, init);
  };
}
