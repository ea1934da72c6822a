// Many blobs in one HTTP body, both ways: the browser uploads what the server lacks in one request, and a version
// opens with one download (manifest + every blob). Hand-written because it is tiny and no library fits: a magic,
// a JSON header that lists [hash, length] per blob, then the bytes back to back. Base64 in JSON would add a third.
//
//   "TSB1" | u32 header length (big-endian) | header JSON (UTF-8) | blob 1 | blob 2 | …
import { z } from "zod";
import { isHash } from "./hash";

const MAGIC = [0x54, 0x53, 0x42, 0x31]; // "TSB1"
/** The header of a 20,000-blob body is ~1.5 MB; anything beyond this is not ours. */
const MAX_HEADER_BYTES = 4 * 1024 * 1024;

export const FRAMES_CONTENT_TYPE = "application/vnd.tandem.blobs";

export interface Frame {
  hash: string;
  bytes: Uint8Array;
}

const header = z.object({
  entries: z.array(z.tuple([z.string().refine(isHash), z.number().int().min(0)])),
  meta: z.unknown().optional(),
});

export function encodeFrames(frames: readonly Frame[], meta?: unknown): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify({ entries: frames.map((f) => [f.hash, f.bytes.byteLength]), ...(meta === undefined ? {} : { meta }) }));
  const total = 8 + head.byteLength + frames.reduce((n, f) => n + f.bytes.byteLength, 0);
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, head.byteLength);
  out.set(head, 8);
  let at = 8 + head.byteLength;
  for (const f of frames) {
    out.set(f.bytes, at);
    at += f.bytes.byteLength;
  }
  return out;
}

export type DecodedFrames = { ok: true; frames: Frame[]; meta: unknown } | { ok: false; message: string };

/** Reads a body from outside: every length is checked against what is actually there. Blobs are views, not copies. */
export function decodeFrames(body: Uint8Array): DecodedFrames {
  const bad = (message: string): DecodedFrames => ({ ok: false, message });
  if (body.byteLength < 8 || MAGIC.some((b, i) => body[i] !== b)) return bad("The body is not a Tandem blob bundle (it must start with TSB1).");
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const headLength = view.getUint32(4);
  if (headLength > MAX_HEADER_BYTES || 8 + headLength > body.byteLength) return bad("The bundle's header is cut off or too large.");
  let parsed: z.infer<typeof header>;
  try {
    const json: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.subarray(8, 8 + headLength)));
    const result = header.safeParse(json);
    if (!result.success) return bad("The bundle's header does not list blobs as [sha256, length] pairs.");
    parsed = result.data;
  } catch {
    return bad("The bundle's header is not valid JSON.");
  }
  const frames: Frame[] = [];
  let at = 8 + headLength;
  for (const [hash, length] of parsed.entries) {
    if (at + length > body.byteLength) return bad("The bundle ends before its last blob does.");
    frames.push({ hash, bytes: body.subarray(at, at + length) });
    at += length;
  }
  if (at !== body.byteLength) return bad("The bundle has bytes after its last blob.");
  return { ok: true, frames, meta: parsed.meta };
}
