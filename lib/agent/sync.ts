// How the browser and the server agree on a message without sending it again: each part has a content hash (SHA-256
// of its canonical JSON, RFC 8785, so key order and number formatting cannot make two equal parts differ). The server
// says which parts it stored at the end of each step (`data-stored`); the browser then sends only the parts that
// differ (a tool's output, a call closed by Stop) and the parts after them, anchored on the hash of the parts the
// server holds, which the server checks before applying anything. A kernel: data in, data out; used by both sides.
import canonicalize from "canonicalize";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { z } from "zod";

/** Hex characters kept of a SHA-256 (96 bits: collisions between two versions of one part are not a concern). */
const HASH_CHARS = 24;
export const partHashSchema = z.string().regex(/^[0-9a-f]{24}$/, "must be a part hash (24 hex characters)");

const cache = new WeakMap<object, string>();

/** The content hash of one part. Parts are JSON values; equal content gives equal hashes on both sides. */
export function partHash(part: unknown): string {
  if (typeof part === "object" && part !== null) {
    const known = cache.get(part);
    if (known) return known;
  }
  let text: string;
  try {
    text = canonicalize(part) ?? "null";
  } catch {
    // canonicalize refuses lone surrogates (possible in model text); both sides fall back the same way.
    text = `~${JSON.stringify(part)}`;
  }
  const hash = bytesToHex(sha256(utf8ToBytes(text))).slice(0, HASH_CHARS);
  if (typeof part === "object" && part !== null) cache.set(part, hash);
  return hash;
}

const messageCache = new WeakMap<object, string[]>();

/** The hashes of a message's parts (cached per message object: unchanged messages keep their object). */
export function partHashes(message: { parts: readonly unknown[] }): string[] {
  const known = messageCache.get(message);
  if (known && known.length === message.parts.length) return known;
  const hashes = message.parts.map(partHash);
  messageCache.set(message, hashes);
  return hashes;
}

/** Records hashes already known for a message object (the server after applying a patch: O(new) work). */
export function rememberHashes(message: { parts: readonly unknown[] }, hashes: string[]): void {
  if (hashes.length === message.parts.length) messageCache.set(message, hashes);
}

/** One hash for a list of part hashes: what a patch is anchored on. */
export function combinedHash(hashes: readonly string[]): string {
  return bytesToHex(sha256(utf8ToBytes(`${hashes.length}:${hashes.join(",")}`))).slice(0, HASH_CHARS);
}

/** A message the server has, changed: parts replaced in place (`set`) and parts added after them (`append`). */
export interface PartsPatch<P = unknown> {
  base: { parts: number; hash: string };
  set?: Array<{ at: number; part: P }>;
  append?: P[];
}

/** The patch that turns the parts the server holds (their hashes) into `parts`, or null when only a whole message can
 * (the browser has fewer parts than the server: a step it dropped). */
export function diffParts<P>(known: readonly string[], parts: readonly P[]): PartsPatch<P> | null {
  if (parts.length < known.length) return null;
  const set: Array<{ at: number; part: P }> = [];
  for (let at = 0; at < known.length; at++) if (partHash(parts[at]) !== known[at]) set.push({ at, part: parts[at] as P });
  const append = parts.slice(known.length);
  return { base: { parts: known.length, hash: combinedHash(known) }, ...(set.length ? { set } : {}), ...(append.length ? { append } : {}) };
}

export type PatchResult<P> = { ok: true; parts: P[]; hashes: string[] } | { ok: false; why: string };

/** Applies a patch to the parts the server holds, after checking they are the ones it was made against. */
export function applyPatch<P>(parts: readonly P[], hashes: readonly string[], patch: PartsPatch<P>): PatchResult<P> {
  if (parts.length !== patch.base.parts) return { ok: false, why: `the server holds ${parts.length} parts, the patch was made for ${patch.base.parts}` };
  if (combinedHash(hashes) !== patch.base.hash) return { ok: false, why: "the server's parts differ from those the patch was made for" };
  const next = [...parts];
  const nextHashes = [...hashes];
  for (const { at, part } of patch.set ?? []) {
    if (at >= next.length) return { ok: false, why: `part ${at} is past the end` };
    next[at] = part;
    nextHashes[at] = partHash(part);
  }
  for (const part of patch.append ?? []) {
    next.push(part);
    nextHashes.push(partHash(part));
  }
  return { ok: true, parts: next, hashes: nextHashes };
}

/** What the server stored of the step's assistant message: the hashes of its parts from `from` on (the parts before
 * `from` are the ones the browser uploaded). Sent as a transient data part just before "finish". */
export const storedParts = z.object({
  id: z.string(),
  from: z.number().int().min(0),
  hashes: z.array(partHashSchema),
});
export type StoredParts = z.infer<typeof storedParts>;
