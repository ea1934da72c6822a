// Search across the project's text files: used by the search view (Ctrl+Shift+F) and the agent's search tool.
import picomatch from "picomatch";
import type { Project } from "../project";
import { err, ok, type Result } from "../project/result";

export interface TextSearchQuery {
  query: string;
  regex?: boolean;
  caseSensitive?: boolean;
  wholeWord?: boolean;
  /** Glob(s) a path must match, e.g. "src/**\/*.ts". Empty means every file. */
  include?: string[];
  /** Glob(s) to skip, in addition to folders like node_modules. */
  exclude?: string[];
  maxResults?: number;
}

export interface TextMatch {
  /** 1-based, like editors and `grep -n`. */
  line: number;
  /** 1-based column of the match start. */
  column: number;
  length: number;
  /** The whole line (trimmed to a readable length around the match). */
  preview: string;
  /** Offset of the match inside `preview`. */
  previewStart: number;
}

export interface FileMatches {
  path: string;
  matches: TextMatch[];
}

export interface TextSearchResult {
  files: FileMatches[];
  total: number;
  /** True when maxResults stopped the search early. */
  truncated: boolean;
}

export const SKIPPED_FOLDERS = ["node_modules", ".git", ".next", "dist", "build", ".cache", "coverage"];
const MAX_PREVIEW = 200;
const MAX_FILE_CHARS = 5 * 1024 * 1024;

export function compileQuery(q: TextSearchQuery): Result<RegExp> {
  if (q.query === "") return err("invalid-input", "Type something to search for.");
  let source = q.regex ? q.query : q.query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (q.wholeWord) source = `\\b(?:${source})\\b`;
  try {
    return ok(new RegExp(source, q.caseSensitive ? "gu" : "giu"));
  } catch (error) {
    return err("invalid-input", `Invalid regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function searchProject(project: Project, q: TextSearchQuery): Result<TextSearchResult> {
  const compiled = compileQuery(q);
  if (!compiled.ok) return compiled;
  const pattern = compiled.value;
  const include = q.include?.filter(Boolean).length ? picomatch(q.include.filter(Boolean), { dot: true }) : null;
  const exclude = q.exclude?.filter(Boolean).length ? picomatch(q.exclude.filter(Boolean), { dot: true }) : null;
  const max = q.maxResults ?? 2_000;
  const files: FileMatches[] = [];
  let total = 0;
  for (const file of project.listFiles()) {
    if (typeof file.content !== "string" || file.content.length > MAX_FILE_CHARS) continue;
    if (file.path.split("/").some((part) => SKIPPED_FOLDERS.includes(part))) continue;
    if (include && !include(file.path)) continue;
    if (exclude && exclude(file.path)) continue;
    const matches = searchText(file.content, pattern, max - total);
    if (matches.length === 0) continue;
    files.push({ path: file.path, matches });
    total += matches.length;
    if (total >= max) return ok({ files, total, truncated: true });
  }
  return ok({ files, total, truncated: false });
}

function searchText(text: string, pattern: RegExp, limit: number): TextMatch[] {
  const matches: TextMatch[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && matches.length < limit; i++) {
    const line = lines[i] ?? "";
    pattern.lastIndex = 0;
    for (let m = pattern.exec(line); m && matches.length < limit; m = pattern.exec(line)) {
      if (m[0].length === 0) {
        pattern.lastIndex++; // empty matches (e.g. /^/) would loop forever
        continue;
      }
      const start = Math.max(0, Math.min(m.index - 40, line.length - MAX_PREVIEW));
      matches.push({
        line: i + 1,
        column: m.index + 1,
        length: m[0].length,
        preview: line.slice(start, start + MAX_PREVIEW),
        previewStart: m.index - start,
      });
    }
  }
  return matches;
}
