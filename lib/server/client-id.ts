// Server only. Who a request is, for limits: the connection's address (behind a proxy you run, the address it saw).
// IPv6 clients are grouped by /64, the block one subscriber usually holds, so rotating addresses inside it gains
// nothing. The edge writes the result into an internal header that it first strips from what the client sent.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import { isIP } from "node:net";

/** Set by the edge only (any incoming value is removed first); read by routes. */
export const CLIENT_HEADER = "x-tandem-client";

export function clientKey(remoteAddress: string | undefined, forwardedFor: string | undefined, trustProxy: boolean): string {
  const forwarded = trustProxy ? forwardedFor?.split(",").map((s) => s.trim()).filter(Boolean).at(-1) : undefined;
  return addressKey(forwarded ?? remoteAddress ?? "unknown");
}

export function addressKey(address: string): string {
  let a = address.trim().toLowerCase();
  if (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  if (isIP(a) === 6) return `ip6:${expand(a).slice(0, 4).join(":")}::/64`;
  if (isIP(a) === 4) return `ip4:${a}`;
  return "unknown";
}

/** The eight 16-bit groups of an IPv6 address, zero-padded. */
function expand(address: string): string[] {
  const [head = "", tail = ""] = address.split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") ? (tail ? tail.split(":") : []) : [];
  const fill = Array.from({ length: 8 - left.length - right.length }, () => "0");
  return [...left, ...fill, ...right].map((g) => g.padStart(4, "0"));
}
