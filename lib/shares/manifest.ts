// A version's file list: path → blob (SHA-256 of the content), size and mode, plus empty folders. Pure; shared by the
// browser (builds it, diffs it against the version before to send only changes) and the server (checks it, rebuilds
// it from a delta, stores it content-addressed so identical trees share one manifest row).
import { z } from "zod";
import { normalizePath } from "@/lib/project/paths";
import { isHash } from "./hash";

export const MANIFEST_FORMAT = "tandem.manifest/1";

/** Regular file; executables are 0o755. The project model has no modes yet, so everything is 0o644 for now. */
export const DEFAULT_MODE = 0o644;

export interface ManifestFile {
  path: string;
  hash: string;
  size: number;
  mode: number;
}

export interface Manifest {
  files: ManifestFile[];
  dirs: string[];
}

/** On the wire and in storage a file is a tuple, which keeps a 1,000-file manifest near 100 KB. */
export const manifestEntry = z.tuple([
  z.string().min(1).max(1024),
  z.string().refine(isHash, "not a SHA-256 hex digest"),
  z.number().int().min(0),
  z.number().int().min(0).max(0o7777),
]);
export type ManifestEntry = z.infer<typeof manifestEntry>;

const storedManifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  files: z.array(manifestEntry),
  dirs: z.array(z.string().min(1).max(1024)),
});

export type ManifestResult = { ok: true; manifest: Manifest } | { ok: false; message: string };

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * Checks entries from outside (a browser's upload): every path normalized and unique, and the tree sound — no file
 * where another file's folder is. The result is sorted, so equal trees give equal bytes (and one manifest hash).
 */
export function buildManifest(entries: readonly ManifestEntry[], dirs: readonly string[]): ManifestResult {
  const files: ManifestFile[] = [];
  const seen = new Set<string>();
  for (const [raw, hash, size, mode] of entries) {
    const path = normalizePath(raw);
    if (!path.ok || path.value !== raw) return { ok: false, message: `"${raw.slice(0, 200)}" is not a valid project path.` };
    if (seen.has(raw)) return { ok: false, message: `"${raw.slice(0, 200)}" is listed twice.` };
    seen.add(raw);
    files.push({ path: raw, hash, size, mode });
  }
  for (const file of files) {
    for (let i = file.path.indexOf("/"); i !== -1; i = file.path.indexOf("/", i + 1))
      if (seen.has(file.path.slice(0, i))) return { ok: false, message: `"${file.path.slice(0, i)}" is both a file and a folder.` };
  }
  const folders = new Set<string>();
  for (const raw of dirs) {
    const path = normalizePath(raw);
    if (!path.ok || path.value !== raw) return { ok: false, message: `"${raw.slice(0, 200)}" is not a valid folder path.` };
    if (seen.has(raw)) return { ok: false, message: `"${raw.slice(0, 200)}" is both a file and a folder.` };
    folders.add(raw);
  }
  return { ok: true, manifest: { files: files.sort(byPath), dirs: [...folders].sort() } };
}

export function manifestEntries(manifest: Manifest): ManifestEntry[] {
  return manifest.files.map((f) => [f.path, f.hash, f.size, f.mode]);
}

/** The canonical bytes (sorted, fixed key order): what is hashed and stored. */
export function encodeManifest(manifest: Manifest): Uint8Array {
  const files = [...manifest.files].sort(byPath);
  const body = { format: MANIFEST_FORMAT, files: manifestEntries({ files, dirs: [] }), dirs: [...manifest.dirs].sort() };
  return new TextEncoder().encode(JSON.stringify(body));
}

export function decodeManifest(bytes: Uint8Array): ManifestResult {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, message: "The manifest is not valid JSON." };
  }
  const parsed = storedManifest.safeParse(json);
  if (!parsed.success) return { ok: false, message: "The manifest does not have the expected shape." };
  return buildManifest(parsed.data.files, parsed.data.dirs);
}

export interface ManifestDelta {
  /** Files added or changed. */
  set: ManifestEntry[];
  /** Paths of files that are gone. */
  remove: string[];
  /** The new version's empty folders (always whole: a short list). */
  dirs: string[];
}

/** What changed from `base` to `next`: re-publishing after a one-line edit sends one entry, not the whole list. */
export function diffManifests(base: Manifest, next: Manifest): ManifestDelta {
  const before = new Map(base.files.map((f) => [f.path, f]));
  const set: ManifestEntry[] = [];
  for (const f of next.files) {
    const old = before.get(f.path);
    if (!old || old.hash !== f.hash || old.mode !== f.mode || old.size !== f.size) set.push([f.path, f.hash, f.size, f.mode]);
    before.delete(f.path);
  }
  return { set, remove: [...before.keys()].sort(), dirs: [...next.dirs] };
}

export function applyDelta(base: Manifest, delta: ManifestDelta): ManifestResult {
  const files = new Map<string, ManifestEntry>(base.files.map((f) => [f.path, [f.path, f.hash, f.size, f.mode]]));
  for (const path of delta.remove) {
    if (!files.delete(path)) return { ok: false, message: `"${path.slice(0, 200)}" is not in the version the change is based on.` };
  }
  for (const entry of delta.set) files.set(entry[0], entry);
  return buildManifest([...files.values()], delta.dirs);
}

export function manifestBytes(manifest: Manifest): number {
  return manifest.files.reduce((sum, f) => sum + f.size, 0);
}
