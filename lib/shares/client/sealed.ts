// End-to-end encrypted shares (Excalidraw's scheme): the browser seals the manifest — names, sizes, title, message —
// and every file with AES-GCM (WebCrypto) under a key that lives only in the link's fragment (#key=…), which browsers
// never send to a server. The server stores ciphertext and the list of blobs it needs, nothing else.
import { z } from "zod";
import type { Frame } from "../frames";
import { sha256Hex } from "../hash";
import { DEFAULT_MODE, type Manifest, type ManifestEntry } from "../manifest";
import { hash, type VersionFiles } from "../protocol";
import { versionManifest, ShareApiError, type ShareApi } from "./api";
import type { HashedFile, PublishOptions, SealKey } from "./publish-types";

export type { SealKey } from "./publish-types";


export const SEALED_FORMAT = "tandem.sealed/1";

/** What an encrypted version's manifest says once opened (only ever seen in a browser that has the key). */
export const sealedManifest = z.object({
  format: z.literal(SEALED_FORMAT),
  title: z.string().max(120),
  description: z.string().max(2000),
  message: z.string().max(500),
  /** [path, sha256 of the ciphertext, size, mode, sha256 of the plaintext]. */
  files: z.array(z.tuple([z.string().min(1).max(1024), hash, z.number().int().min(0), z.number().int().min(0).max(0o7777), hash])),
  dirs: z.array(z.string()),
  recording: hash.nullable(),
});
export type SealedManifest = z.infer<typeof sealedManifest>;

const IV_BYTES = 12;

export async function generateSealKey(): Promise<SealKey> {
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 128 }, true, ["encrypt", "decrypt"]);
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", key));
  return { key, text: toBase64Url(raw) };
}

/** The key from a link's fragment; null when it is not a key. */
export async function importSealKey(text: string): Promise<SealKey | null> {
  const raw = fromBase64Url(text);
  if (!raw || (raw.byteLength !== 16 && raw.byteLength !== 32)) return null;
  try {
    const key = await crypto.subtle.importKey("raw", raw as Uint8Array<ArrayBuffer>, { name: "AES-GCM" }, true, ["encrypt", "decrypt"]);
    return { key, text };
  } catch {
    return null;
  }
}

/** IV (12 random bytes) followed by the ciphertext and its tag. */
export async function seal(key: SealKey, bytes: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key.key, bytes as Uint8Array<ArrayBuffer>));
  const out = new Uint8Array(IV_BYTES + ct.byteLength);
  out.set(iv);
  out.set(ct, IV_BYTES);
  return out;
}

/** Null when the key is wrong or the bytes were changed (GCM's tag does not verify). */
export async function unseal(key: SealKey, bytes: Uint8Array): Promise<Uint8Array | null> {
  if (bytes.byteLength < IV_BYTES + 16) return null;
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, IV_BYTES) as Uint8Array<ArrayBuffer> }, key.key, bytes.subarray(IV_BYTES) as Uint8Array<ArrayBuffer>);
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

export async function openSealedManifest(key: SealKey, bytes: Uint8Array): Promise<SealedManifest | null> {
  const plain = await unseal(key, bytes);
  if (!plain) return null;
  try {
    const parsed = sealedManifest.safeParse(JSON.parse(new TextDecoder().decode(plain)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Seals a version. Publishing again opens the version before and reuses the ciphertext of every unchanged file
 * (GCM with random IVs gives new ciphertext each time, so without this nothing would be deduplicated).
 */
export async function sealedVersion(
  api: ShareApi,
  options: PublishOptions,
  manifest: Manifest,
  hashed: readonly HashedFile[],
): Promise<{ files: VersionFiles; frames: Frame[]; recording?: Frame }> {
  const key = options.key!;
  const reuse = new Map<string, { hash: string }>();
  if (options.target?.base !== undefined) {
    const before = await openSealedManifest(key, await versionManifest(api, options.target.id, options.target.base, options.target.ownerSecret));
    if (!before) throw new ShareApiError(400, "bad-key", "This browser's key does not open the share's last version; it cannot publish to it.");
    for (const [, cipher, , , plain] of before.files) reuse.set(plain, { hash: cipher });
  }
  const byPlain = new Map(hashed.map((h) => [h.frame.hash, h]));
  const frames: Frame[] = [];
  const cipherOf = new Map<string, string>();
  for (const [plain, file] of byPlain) {
    const known = reuse.get(plain);
    if (known) {
      cipherOf.set(plain, known.hash);
      continue;
    }
    const bytes = await seal(key, file.frame.bytes);
    const hash = await sha256Hex(bytes);
    cipherOf.set(plain, hash);
    frames.push({ hash, bytes });
  }
  let recording: Frame | undefined;
  if (options.recording) {
    const bytes = await seal(key, new TextEncoder().encode(JSON.stringify(options.recording)));
    recording = { hash: await sha256Hex(bytes), bytes };
  }
  const body: SealedManifest = {
    format: SEALED_FORMAT,
    title: options.title ?? "",
    description: options.description ?? "",
    message: options.message ?? "",
    files: manifest.files.map((f): [...ManifestEntry, string] => [f.path, cipherOf.get(f.hash)!, f.size, f.mode ?? DEFAULT_MODE, f.hash]),
    dirs: manifest.dirs,
    recording: recording?.hash ?? null,
  };
  const sealedBody = await seal(key, new TextEncoder().encode(JSON.stringify(body)));
  return {
    files: { kind: "sealed", manifest: toBase64(sealedBody), blobs: [...new Set(cipherOf.values())] },
    frames,
    ...(recording ? { recording } : {}),
  };
}

// Base64 by hand: Uint8Array.toBase64 is not in every browser Tandem supports yet, and Buffer is Node's.
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
