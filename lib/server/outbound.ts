// Server only. Requests the server makes to an endpoint a browser chose (its own OpenAI-compatible base URL). The
// server's network is not the browser's to use: such a request never goes to link-local or cloud-metadata addresses,
// on a public server never to loopback or private ones either, and never follows a redirect (a redirect to a literal
// address would skip the check). The check runs on the addresses the connection actually uses — the DNS answer at
// connect time — so a name that resolves somewhere else later (DNS rebinding) is caught too.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, fetch as undiciFetch } from "undici";
import type { BrowserEndpointPolicy } from "./config.ts";

/** Metadata services that are not in link-local space (AWS IPv6, Alibaba, Oracle). */
const METADATA = ["fd00:ec2::254", "100.100.100.200", "192.0.0.192"];

/** Whether `policy` lets a browser-chosen request reach `address` (an IP literal). */
export function addressAllowed(address: string, policy: Exclude<BrowserEndpointPolicy, "off">): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.process(address.replace(/^\[|\]$/g, "").split("%")[0]!);
  } catch {
    return false;
  }
  if (METADATA.some((m) => ipaddr.parse(m).toNormalizedString() === ip.toNormalizedString())) return false;
  const range = ip.range();
  if (policy === "public") return range === "unicast";
  // A loopback server: this machine and the LAN are the person's own (Ollama, LM Studio); the cloud's metadata is not.
  return !["linkLocal", "multicast", "broadcast", "reserved"].includes(range);
}

export class BlockedAddressError extends Error {
  readonly code = "ETANDEMBLOCKED";
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(policy: Exclude<BrowserEndpointPolicy, "off">) {
  return (hostname: string, options: { all?: boolean; family?: number | string; hints?: number }, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true } as { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const allowed = addresses.filter((a) => addressAllowed(a.address, policy));
      if (allowed.length === 0) return callback(new BlockedAddressError(`${hostname} resolves to an address this server does not connect to for browser-chosen endpoints`), []);
      if (options.all) return callback(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/** A fetch for endpoints a browser chose. Throws BlockedAddressError (before connecting) for an address it may not use. */
export function browserEndpointFetch(policy: Exclude<BrowserEndpointPolicy, "off">): typeof fetch {
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(policy) }, headersTimeout: 60_000, bodyTimeout: 300_000 });
  const guarded = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const host = url.hostname.replace(/^\[|\]$/g, "");
    // A literal address is connected to without a lookup: judge it here.
    if (isIP(host) && !addressAllowed(host, policy)) throw new BlockedAddressError(`${host} is an address this server does not connect to for browser-chosen endpoints`);
    const response = await undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), redirect: "manual", dispatcher });
    return response as unknown as Response;
  };
  return guarded as typeof fetch;
}

/** Whether `url` may be used as a browser-chosen endpoint at all (a first, synchronous check; fetch checks again). */
export function endpointAllowed(url: string, policy: BrowserEndpointPolicy): boolean {
  if (policy === "off") return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  return isIP(host) ? addressAllowed(host, policy) : policy === "local" || !/(^|\.)(localhost|internal|local)$/i.test(host);
}
