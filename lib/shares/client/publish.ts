// Publishing from the browser: hash every file, ask the server which contents it lacks, upload only those, then
// create the share (or its next version). Publishing again diffs against the version before, so a one-line change
// sends that one file and a one-entry change list — a few KB for a 1,000-file project.
import type { Recording } from "@/lib/agent/recording";
import type { FileContent } from "@/lib/project";
import { encodeContent } from "@/lib/zip/content";
import type { Frame } from "../frames";
import { sha256Hex } from "../hash";
import { buildManifest, decodeManifest, DEFAULT_MODE, diffManifests, type Manifest, type ManifestEntry } from "../manifest";
import type { PublishResult, VersionFiles, Visibility } from "../protocol";
import { addVersion, createShare, missingBlobs, ShareApiError, uploadBlobs, versionManifest, type ShareApi } from "./api";
import type { HashedFile, PublishFile, PublishOptions, Published } from "./publish-types";
import { sealedVersion } from "./sealed";

export type { HashedFile, PublishFile, PublishOptions, Published, PublishStats } from "./publish-types";

export async function hashFiles(files: readonly PublishFile[]): Promise<HashedFile[]> {
  return Promise.all(
    files.map(async (f) => {
      const bytes = encodeContent(f.content);
      const hash = await sha256Hex(bytes);
      return { entry: [f.path, hash, bytes.byteLength, DEFAULT_MODE] as ManifestEntry, frame: { hash, bytes } };
    }),
  );
}

export async function publish(api: ShareApi, options: PublishOptions): Promise<Published> {
  const sentBefore = api.sent;
  const hashed = await hashFiles(options.files);
  const built = buildManifest(
    hashed.map((h) => h.entry),
    options.dirs ?? [],
  );
  if (!built.ok) throw new ShareApiError(400, "invalid", built.message);
  const bytes = hashed.reduce((n, h) => n + h.frame.bytes.byteLength, 0);

  let recording: Frame | undefined;
  let prepared: { files: VersionFiles; frames: Frame[]; recording?: Frame };
  if (options.key) {
    prepared = await sealedVersion(api, options, built.manifest, hashed);
  } else {
    if (options.recording) {
      const bytes = new TextEncoder().encode(JSON.stringify(options.recording));
      recording = { hash: await sha256Hex(bytes), bytes };
    }
    prepared = { ...(await plainVersion(api, options, built.manifest, hashed)), ...(recording ? { recording } : {}) };
  }

  const frames = dedupe([...prepared.frames, ...(prepared.recording ? [prepared.recording] : [])]);
  const upload = async (hashes: readonly string[]) => {
    const wanted = new Set(hashes);
    const list = frames.filter((f) => wanted.has(f.hash));
    await uploadBlobs(api, list);
    return list.length;
  };
  let uploaded = await upload(await missingBlobs(api, frames.map((f) => f.hash)));
  // An encrypted share's title, description and message travel inside its sealed manifest only.
  const plain = (text: string | undefined) => (options.key ? "" : (text ?? ""));
  const version = { message: plain(options.message), files: prepared.files, ...(prepared.recording ? { recording: prepared.recording.hash } : {}) };
  const send = () =>
    options.target
      ? addVersion(api, options.target.id, options.target.ownerSecret, version)
      : createShare(api, {
          title: plain(options.title),
          description: plain(options.description),
          visibility: options.visibility ?? "unlisted",
          ...(options.forkedFrom ? { forkedFrom: options.forkedFrom } : {}),
          version,
        });
  let result: PublishResult;
  try {
    result = await send();
  } catch (error) {
    // A content the server said it had was collected meanwhile (its last share was unpublished): send it, once.
    if (!(error instanceof ShareApiError) || error.code !== "missing-blobs") throw error;
    uploaded += await upload(error.missing);
    result = await send();
  }
  return { result, stats: { files: hashed.length, bytes, uploaded, sent: api.sent - sentBefore } };
}

/** The plaintext file list: whole for a new share, or the changes against the base version (whose manifest is
 * fetched — a download, not an upload). Only blobs not in the base are offered for upload. */
async function plainVersion(api: ShareApi, options: PublishOptions, manifest: Manifest, hashed: readonly HashedFile[]): Promise<{ files: VersionFiles; frames: Frame[] }> {
  const base = options.target?.base;
  if (options.target && base !== undefined) {
    const previous = decodeManifest(await versionManifest(api, options.target.id, base, options.target.ownerSecret));
    if (previous.ok) {
      const delta = diffManifests(previous.manifest, manifest);
      const changed = new Set(delta.set.map((e) => e[1]));
      return { files: { kind: "delta", base, ...delta }, frames: hashed.filter((h) => changed.has(h.frame.hash)).map((h) => h.frame) };
    }
  }
  return { files: { kind: "full", files: hashed.map((h) => h.entry), dirs: manifest.dirs }, frames: hashed.map((h) => h.frame) };
}

function dedupe(frames: readonly Frame[]): Frame[] {
  const seen = new Map<string, Frame>();
  for (const f of frames) seen.set(f.hash, f);
  return [...seen.values()];
}
