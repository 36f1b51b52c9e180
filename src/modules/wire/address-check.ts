// Whether a feed address an editor types may be fetched: one that resolves to this machine or a
// private, link-local or otherwise internal network would let the newsroom form probe the server's
// own network (server-side request forgery), so it is refused unless the operator allows it
// (DATELINE_WIRE_ALLOW_PRIVATE_HOSTS, for a desk that follows an intranet feed, and the tests'
// loopback feed server). Node's BlockList does the address arithmetic.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  internal.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(net, prefix, 'ipv6');

/** Whether one literal address is loopback, private, link-local, multicast or reserved. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal.check(address, 'ipv4');
  if (family !== 6) return true;
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1]!, 'ipv4');
  return internal.check(address, 'ipv6');
}

/** Resolves a host name the way Node's fetch will. */
export type ResolveHost = (host: string) => Promise<string[]>;

export const resolveHost: ResolveHost = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Why `url`'s host may not be followed from the newsroom, or undefined when it may: every address
 * it resolves to must be public. A name that does not resolve is refused too (nothing to fetch).
 */
export async function internalAddressProblem(url: string, resolve: ResolveHost): Promise<string | undefined> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return `names a host (${host}) that does not resolve`;
  }
  if (addresses.length === 0) return `names a host (${host}) that does not resolve`;
  if (addresses.some(isInternalAddress))
    return 'points to this server or a private network, which the newsroom may not fetch from (an operator can allow it: docs/architecture.md, the wire desk)';
  return undefined;
}
