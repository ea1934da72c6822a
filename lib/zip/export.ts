import { zipSync, type Zippable } from "fflate";
import { normalizePath, type FileContent } from "../project";
import { err, ok, type Result } from "../project/result";
import { encodeContent } from "./content";

export interface ZipSource {
  files: Iterable<readonly [string, FileContent]>;
  /** Empty folders, so they survive the round trip. */
  dirs?: Iterable<string>;
  /** Wrap everything in one folder (as GitHub does); import strips a single top-level folder again. */
  rootFolder?: string;
}

/** A safe folder/file name for a project name: "My <App>" → "My-App". */
export function zipBaseName(projectName: string): string {
  const cleaned = projectName.replace(/[^\p{L}\p{N}._ -]+/gu, "-").replace(/\s+/g, "-").replace(/-+/g, "-").replace(/^[-.]+|-+$/g, "");
  return cleaned.slice(0, 80) || "project";
}

export function exportZip(source: ZipSource): Result<Uint8Array> {
  const root = source.rootFolder === undefined ? "" : `${zipBaseName(source.rootFolder)}/`;
  const entries: Zippable = {};
  for (const [path, content] of source.files) {
    const p = normalizePath(path);
    if (!p.ok) return p;
    // Binary files are often compressed already (images, archives): a light level saves seconds on big ones.
    entries[root + p.value] = typeof content === "string" ? encodeContent(content) : [content, { level: content.byteLength > 64 * 1024 ? 1 : 6 }];
  }
  for (const dir of source.dirs ?? []) {
    const p = normalizePath(dir);
    if (!p.ok) return p;
    entries[`${root}${p.value}/`] = new Uint8Array(0);
  }
  try {
    // Level 6 like most zip tools; mtime fixed per export so the same tree zips the same within a run.
    return ok(zipSync(entries, { level: 6, mtime: new Date() }));
  } catch (error) {
    return err("invalid-input", `Could not create the zip: ${error instanceof Error ? error.message : String(error)}`);
  }
}
