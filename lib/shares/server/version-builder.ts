// Server only. Turns a publish request's file list into a stored manifest, inside the publish transaction: checks
// the paths, the limits and that every blob it names is on the server (locking them, so garbage collection cannot
// take one before the version commits), then stores the manifest content-addressed — a fork or an unchanged
// re-publish reuses the same row.
import { createHash } from "node:crypto";
import { recording as recordingSchema } from "@/lib/agent/recording";
import { applyDelta, buildManifest, decodeManifest, encodeManifest, manifestBytes, type Manifest } from "../manifest";
import type { VersionFiles } from "../protocol";
import type { BlobStorage } from "./blob-storage";
import type { ShareConfig } from "./config";
import type { SharesDb } from "./db";
import { formatBytes, refuse, success, type ShareResult } from "./errors";

export interface BuiltManifest {
  hash: string;
  encrypted: boolean;
}

interface Context {
  tx: SharesDb;
  config: ShareConfig;
  storage: BlobStorage;
  shareId: string | null;
  encrypted: boolean;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function buildVersionManifest(ctx: Context, files: VersionFiles): Promise<ShareResult<BuiltManifest>> {
  if ((files.kind === "sealed") !== ctx.encrypted)
    return refuse("invalid", ctx.encrypted ? "This share is end-to-end encrypted: every version must be too." : "This share is not encrypted: a version cannot be.");
  if (files.kind === "sealed") return sealedManifest(ctx, files);
  let manifest: Manifest;
  if (files.kind === "full") {
    const built = buildManifest(files.files, files.dirs);
    if (!built.ok) return refuse("invalid", built.message);
    manifest = built.manifest;
  } else {
    if (!ctx.shareId) return refuse("invalid", "A new share needs its whole file list, not changes.");
    const base = await ctx.tx
      .selectFrom("tandem_share_versions as v")
      .innerJoin("tandem_share_manifests as m", "m.hash", "v.manifest_hash")
      .select("m.body")
      .where("v.share_id", "=", ctx.shareId)
      .where("v.number", "=", files.base)
      .executeTakeFirst();
    if (!base) return refuse("invalid", `Version ${files.base} of this share does not exist; send the whole file list.`);
    const decoded = decodeManifest(base.body);
    if (!decoded.ok) return refuse("corrupted", `Version ${files.base}'s file list is damaged on the server; send the whole file list.`);
    const applied = applyDelta(decoded.manifest, files);
    if (!applied.ok) return refuse("invalid", applied.message);
    manifest = applied.manifest;
  }
  const total = manifestBytes(manifest);
  const limits = checkLimits(ctx.config, manifest.files.length, total);
  if (!limits.ok) return limits;
  const hashes = [...new Set(manifest.files.map((f) => f.hash))];
  const sizes = await lockBlobs(ctx.tx, hashes);
  const missing = hashes.filter((h) => !sizes.has(h));
  if (missing.length) return refuse("missing-blobs", `${missing.length} file${missing.length === 1 ? " is" : "s are"} not on the server yet; upload ${missing.length === 1 ? "it" : "them"} first.`, { missing });
  const wrong = manifest.files.find((f) => sizes.get(f.hash) !== f.size);
  if (wrong) return refuse("invalid", `The size given for "${wrong.path.slice(0, 200)}" is not the size of its content.`);
  const body = encodeManifest(manifest);
  const hash = sha256(body);
  await storeManifest(ctx.tx, { hash, body, encrypted: false, fileCount: manifest.files.length, totalBytes: total }, hashes);
  return success({ hash, encrypted: false });
}

async function sealedManifest(ctx: Context, files: Extract<VersionFiles, { kind: "sealed" }>): Promise<ShareResult<BuiltManifest>> {
  const body = new Uint8Array(Buffer.from(files.manifest, "base64"));
  const hashes = [...new Set(files.blobs)];
  // Names are ciphertext, so the number of distinct blobs stands in for the file count.
  const sizes = await lockBlobs(ctx.tx, hashes);
  const missing = hashes.filter((h) => !sizes.has(h));
  if (missing.length) return refuse("missing-blobs", `${missing.length} encrypted file${missing.length === 1 ? " is" : "s are"} not on the server yet; upload them first.`, { missing });
  const total = [...sizes.values()].reduce((a, b) => a + b, 0) + body.byteLength;
  const limits = checkLimits(ctx.config, hashes.length, total);
  if (!limits.ok) return limits;
  const hash = sha256(body);
  await storeManifest(ctx.tx, { hash, body, encrypted: true, fileCount: null, totalBytes: total }, hashes);
  return success({ hash, encrypted: true });
}

function checkLimits(config: ShareConfig, files: number, bytes: number): ShareResult<null> {
  if (files > config.maxFiles)
    return refuse("too-many-files", `This version has ${files.toLocaleString("en-US")} files; a share holds at most ${config.maxFiles.toLocaleString("en-US")}. Leave out generated folders (node_modules, build output).`);
  if (bytes > config.maxShareBytes)
    return refuse("too-large", `This version is ${formatBytes(bytes)}; a share holds at most ${formatBytes(config.maxShareBytes)}. Leave out large or generated files.`);
  return success(null);
}

/** Sizes of the blobs that exist, locked against deletion until the transaction ends (FOR KEY SHARE). */
async function lockBlobs(tx: SharesDb, hashes: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const rows = await tx.selectFrom("tandem_share_blobs").select(["hash", "size"]).where("hash", "in", hashes.slice(i, i + 1000)).forKeyShare().execute();
    for (const r of rows) sizes.set(r.hash, Number(r.size));
  }
  return sizes;
}

async function storeManifest(
  tx: SharesDb,
  m: { hash: string; body: Uint8Array; encrypted: boolean; fileCount: number | null; totalBytes: number },
  blobs: readonly string[],
): Promise<void> {
  const inserted = await tx
    .insertInto("tandem_share_manifests")
    .values({ hash: m.hash, body: m.body, encrypted: m.encrypted, file_count: m.fileCount, total_bytes: m.totalBytes })
    .onConflict((c) => c.column("hash").doNothing())
    .returning("hash")
    .executeTakeFirst();
  if (!inserted) {
    // Lock the existing row so a garbage collection running now waits for this version instead of removing it.
    await tx.selectFrom("tandem_share_manifests").select("hash").where("hash", "=", m.hash).forKeyShare().execute();
    return;
  }
  for (let i = 0; i < blobs.length; i += 1000) {
    const batch = blobs.slice(i, i + 1000);
    await tx.insertInto("tandem_share_manifest_blobs").values(batch.map((b) => ({ manifest_hash: m.hash, blob_hash: b }))).execute();
    await tx.updateTable("tandem_share_blobs").set({ referenced: true }).where("hash", "in", batch).where("referenced", "=", false).execute();
  }
}

/** A recording must be on the server; a plaintext one must be a session recording (tandem.session/1). */
export async function checkRecording(ctx: Context, hash: string): Promise<ShareResult<null>> {
  const sizes = await lockBlobs(ctx.tx, [hash]);
  if (!sizes.has(hash)) return refuse("missing-blobs", "The session recording is not on the server yet; upload it first.", { missing: [hash] });
  if (!ctx.encrypted) {
    const bytes = (await ctx.storage.get([hash], ctx.tx)).get(hash);
    let valid = false;
    try {
      valid = bytes !== undefined && recordingSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes))).success;
    } catch {
      valid = false;
    }
    if (!valid) return refuse("invalid", "The session recording is not a tandem.session/1 recording.");
  }
  await ctx.tx.updateTable("tandem_share_blobs").set({ referenced: true }).where("hash", "=", hash).execute();
  return success(null);
}

/** PostgreSQL's "foreign key violation": a concurrent garbage collection removed a row this transaction needed. */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "23503";
}
