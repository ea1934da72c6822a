// Zip import: names, sizes and counts are checked from the zip's central directory before a single byte is
// inflated, so a zip bomb, a zip-slip path or a 100,000-file archive is refused up front with a clear message.
import { inflateSync } from "fflate";
import { ancestors, normalizePath, type FileContent } from "../project";
import { err, ok, type Result } from "../project/result";
import { crc32, readCentralDirectory, type ZipEntry } from "./central-directory";
import { decodeContent } from "./content";
import { DEFAULT_ZIP_LIMITS, formatBytes, type ZipLimits } from "./limits";

export interface ImportedZip {
  files: Array<[string, FileContent]>;
  /** Folders that have no files (explicit directory entries). */
  dirs: string[];
  /** The single top-level folder that was stripped, e.g. "my-app" from "my-app/src/index.js". */
  strippedFolder?: string;
  /** Entries left out on purpose (macOS metadata). */
  skipped: string[];
  totalBytes: number;
}

export interface ImportOptions {
  limits?: Partial<ZipLimits>;
  /** Called as entries are inflated: bytes done of the declared total. */
  onProgress?: (done: number, total: number) => void;
}

interface PlannedEntry extends ZipEntry {
  path: string;
  isDir: boolean;
}

const JUNK = [/^__MACOSX(\/|$)/, /(^|\/)\.DS_Store$/];
/** Work between yields to the event loop in the async import (keeps the page responsive and progress moving). */
const SLICE_BYTES = 4 * 1024 * 1024;
const SLICE_FILES = 250;

export function importZip(data: Uint8Array, options: ImportOptions = {}): Result<ImportedZip> {
  const steps = importSteps(data, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Same as importZip, but yields to the event loop now and then so a progress bar can paint. */
export async function importZipAsync(data: Uint8Array, options: ImportOptions = {}): Promise<Result<ImportedZip>> {
  const steps = importSteps(data, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function* importSteps(data: Uint8Array, options: ImportOptions): Generator<void, Result<ImportedZip>> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  if (data.byteLength === 0) return err("invalid-input", "The file is empty (0 bytes), so it is not a .zip.");
  if (data.byteLength < 22 || data[0] !== 0x50 || data[1] !== 0x4b)
    return err("invalid-input", "This file is not a .zip archive (it does not start with a zip signature).");

  // Folders and metadata entries get some slack over the file limit; the exact file count is checked below.
  const listed = readCentralDirectory(data, limits.maxFiles * 2 + 1000);
  if (!listed.ok) return listed;
  if (listed.value === "too-many") return tooMany(limits);
  const plan = planEntries(listed.value, limits);
  if (!plan.ok) return plan;
  const { entries, skipped, strip, totalBytes } = plan.value;

  const files: Array<[string, FileContent]> = [];
  let done = 0;
  let sinceYield = 0;
  let filesSinceYield = 0;
  for (const entry of entries) {
    if (entry.isDir) continue;
    const bytes = inflate(data, entry);
    if (!bytes.ok) return bytes;
    files.push([entry.path, decodeContent(bytes.value)]);
    done += entry.size;
    sinceYield += entry.size;
    if (sinceYield >= SLICE_BYTES || ++filesSinceYield >= SLICE_FILES) {
      options.onProgress?.(done, totalBytes);
      sinceYield = 0;
      filesSinceYield = 0;
      yield;
    }
  }
  options.onProgress?.(totalBytes, totalBytes);

  const implied = new Set(files.flatMap(([p]) => ancestors(p)));
  const dirs = [...new Set(entries.filter((e) => e.isDir && !implied.has(e.path)).map((e) => e.path))];
  return ok({ files, dirs, skipped, totalBytes, ...(strip ? { strippedFolder: strip } : {}) });
}

function inflate(data: Uint8Array, entry: PlannedEntry): Result<Uint8Array> {
  const raw = data.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let bytes: Uint8Array;
  try {
    // The output buffer is sized from the (already checked) declared size, so inflating can never grow past it.
    bytes = entry.compression === 0 ? raw.slice() : inflateSync(raw, { out: new Uint8Array(entry.size) });
  } catch (error) {
    return err("invalid-input", `The zip is damaged: "${entry.path}" could not be unpacked (${error instanceof Error ? error.message : String(error)}).`, entry.path);
  }
  if (bytes.byteLength !== entry.size || crc32(bytes) !== entry.crc32)
    return err("invalid-input", `The zip is damaged: "${entry.path}" does not match its checksum.`, entry.path);
  return ok(bytes);
}

interface Plan {
  entries: PlannedEntry[];
  skipped: string[];
  strip: string | null;
  totalBytes: number;
}

/** Validates names, sizes and counts from the headers and decides which top-level folder to strip. */
export function planEntries(listed: readonly ZipEntry[], limits: ZipLimits): Result<Plan> {
  const skipped: string[] = [];
  const raw: PlannedEntry[] = [];
  let totalBytes = 0;
  let fileCount = 0;
  for (const entry of listed) {
    if (JUNK.some((re) => re.test(entry.name))) {
      skipped.push(entry.name);
      continue;
    }
    const isDir = entry.name.endsWith("/");
    const path = normalizePath(isDir ? entry.name.slice(0, -1) : entry.name);
    if (!path.ok)
      return err("invalid-path", `Refused: the zip contains an unsafe path "${printable(entry.name)}". ${printable(path.error.message)}`, entry.name);
    if (entry.encrypted) return err("invalid-input", `"${path.value}" is encrypted; Tandem cannot import password-protected zips.`, path.value);
    if (entry.compression !== 0 && entry.compression !== 8)
      return err("invalid-input", `"${path.value}" uses an unsupported compression method (${entry.compression}).`, path.value);
    if (entry.compression === 0 && !isDir && entry.compressedSize !== entry.size)
      return err("invalid-input", `The zip is damaged: "${path.value}" has inconsistent sizes.`, path.value);
    const size = isDir ? 0 : entry.size;
    if (size > limits.maxFileBytes)
      return err("too-large", `"${path.value}" is ${formatBytes(size)}; files can be at most ${formatBytes(limits.maxFileBytes)}.`, path.value);
    totalBytes += size;
    if (totalBytes > limits.maxTotalBytes)
      return err("too-large", `The zip unpacks to more than ${formatBytes(limits.maxTotalBytes)}, the most Tandem imports.`);
    if (!isDir && ++fileCount > limits.maxFiles) return tooMany(limits);
    raw.push({ ...entry, path: path.value, isDir });
  }
  if (raw.length === 0) return err("invalid-input", "The zip contains no files.");

  const strip = singleTopFolder(raw);
  const entries: PlannedEntry[] = [];
  for (const e of raw) {
    const path = strip === null ? e.path : e.path.slice(strip.length + 1);
    if (path === "") continue; // the stripped folder's own entry
    entries.push({ ...e, path });
  }
  const clash = findClash(entries);
  if (clash) return clash;
  return ok({ entries, skipped, strip, totalBytes });
}

function singleTopFolder(entries: readonly PlannedEntry[]): string | null {
  let top: string | null = null;
  for (const e of entries) {
    const slash = e.path.indexOf("/");
    if (slash === -1 && !e.isDir) return null; // a file at the top level
    const head = slash === -1 ? e.path : e.path.slice(0, slash);
    if (top === null) top = head;
    else if (top !== head) return null;
  }
  // Only strip when something lies inside the folder.
  return top !== null && entries.some((e) => e.path.startsWith(`${top}/`)) ? top : null;
}

function findClash(entries: readonly PlannedEntry[]): Result<never> | null {
  const files = new Set<string>();
  for (const e of entries) {
    if (e.isDir) continue;
    if (files.has(e.path)) return err("invalid-input", `The zip contains "${e.path}" twice.`, e.path);
    files.add(e.path);
  }
  for (const e of entries)
    for (const dir of e.isDir ? [...ancestors(e.path), e.path] : ancestors(e.path))
      if (files.has(dir)) return err("invalid-input", `The zip has both a file and a folder named "${dir}".`, dir);
  return null;
}

function tooMany(limits: ZipLimits): Result<never> {
  return err("too-large", `The zip has more than ${limits.maxFiles.toLocaleString("en")} files, the most Tandem imports.`);
}

/** Shows control characters in a name instead of printing them. */
function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`).slice(0, 300);
}
