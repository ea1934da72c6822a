// @-mentions in the composer: find the `@query` being typed at the caret, rank project files for the picker, insert
// or remove a mention, and turn each mentioned file into a context part. Kernels: text and project in, data out.
// The text is the single source of truth: a file is attached exactly while its `@path` is in the message.
import type { Project } from "@/lib/project";
import { rankPaths, type RankedPath } from "@/lib/search/quick-open";
import type { ContextData } from "../protocol";

/** Most characters of one file (or selection) given to the model as context. */
export const CONTEXT_CHARS = 20_000;

/** The `@query` the caret is in: `start` is the `@`, `end` the end of that word (replaced when a file is picked). */
export interface MentionQuery {
  start: number;
  end: number;
  query: string;
}

/** Cuts `text` to `max` characters and says so, so the model knows it saw only part (and how to get the rest). */
export function capForContext(text: string, max = CONTEXT_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n[truncated: the first ${max.toLocaleString("en")} of ${text.length.toLocaleString("en")} characters; read_file for the rest]`;
}

/** The mention being typed at `caret`, or null. An `@` counts only at the start or after whitespace (not in e-mails). */
export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0) return null;
  if (at > 0 && !/\s/.test(before[at - 1] ?? "")) return null;
  const query = before.slice(at + 1);
  if (/\s/.test(query)) return null;
  let end = caret;
  while (end < text.length && !/\s/.test(text[end] ?? "")) end++;
  return { start: at, end, query };
}

/** Text files ranked for the picker (binary files cannot be context). */
export function mentionCandidates(project: Project, query: string, limit = 8): RankedPath[] {
  const paths = project.listFiles().flatMap((f) => (typeof f.content === "string" ? [f.path] : []));
  return rankPaths(paths, query, limit);
}

/** Replaces the query with `@path` and a space; returns the new text and where the caret goes. */
export function insertMention(text: string, query: MentionQuery, path: string): { text: string; caret: number } {
  const after = text.slice(query.end);
  const spaced = /^\s/.test(after) ? after : ` ${after}`;
  const next = `${text.slice(0, query.start)}@${path}${spaced}`;
  return { text: next, caret: query.start + path.length + 2 };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** `@path` as a whole word: after start or whitespace, before the end, whitespace or closing punctuation. */
const mentionPattern = (path: string) => new RegExp(`(^|\\s)@${escapeRegExp(path)}(?=$|[\\s.,;:!?)])`, "g");

/**
 * Files mentioned in `text`, in order of appearance, existing files only. Plain paths are found as typed; `picked`
 * (paths chosen in the picker) also finds names a plain scan would cut short, like ones with spaces.
 */
export function mentionedPaths(text: string, project: Project, picked: readonly string[] = []): string[] {
  const found: Array<{ path: string; at: number }> = [];
  for (const match of text.matchAll(/(?:^|\s)@([\w./-]+)/g)) {
    const path = (match[1] ?? "").replace(/[.,;:]+$/, "");
    if (project.hasFile(path)) found.push({ path, at: match.index });
  }
  for (const path of picked) {
    const match = mentionPattern(path).exec(text);
    if (match && project.hasFile(path)) found.push({ path, at: match.index });
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.path))];
}

/** The text without any `@path` mention of that file (and the space that followed it). */
export function removeMention(text: string, path: string): string {
  return text.replace(new RegExp(`(^|\\s)@${escapeRegExp(path)}(?=$|[\\s.,;:!?)]) ?`, "g"), "$1");
}

/** A mentioned file's current content as a context part, or null when it is gone or binary. */
export function mentionContext(project: Project, path: string): ContextData | null {
  const node = project.read(path);
  if (!node.ok || typeof node.value.content !== "string") return null;
  return { label: `@${path}`, text: `<file path="${escapeAttribute(path)}">\n${capForContext(node.value.content)}\n</file>` };
}

export function escapeAttribute(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
}
