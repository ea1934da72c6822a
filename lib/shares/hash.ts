// SHA-256 of bytes as lower-case hex: the name of every blob and manifest. WebCrypto, so the browser (publishing,
// checking what it downloaded) and the server (checking uploads, detecting corruption) compute the same thing.
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

export function isHash(value: unknown): value is string {
  return typeof value === "string" && HASH_PATTERN.test(value);
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

const encoder = new TextEncoder();

/** A file's bytes as stored in a blob: text as UTF-8. */
export function contentBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? encoder.encode(content) : content;
}
