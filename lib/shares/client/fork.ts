// Fork: a shared version copied into this browser as a local project that remembers where it came from (its origin
// is shown in the workspace and carried into the project's own shares). A keystroke typed into the read-only view —
// or edits made in an embed — come along, so the person goes on where they were.
import type { FileContent } from "@/lib/project";
import { createProject, saveUiState } from "@/lib/persistence/projects";
import type { PersistedEditorState } from "@/lib/workspace/editor-store";
import type { ReadOnlyEdit } from "@/lib/workspace/editor-types";

export interface ForkInput {
  title: string;
  files: ReadonlyArray<readonly [string, FileContent]>;
  dirs: readonly string[];
  /** Where it came from; absent when it is one's own cloud copy coming home. */
  origin?: { share: string; version: number; title: string };
  /** The keystroke that asked for the fork, applied to its file. */
  edit?: ReadOnlyEdit;
  /** Files to open, the first one active. */
  open?: readonly string[];
}

export type ForkResult = { ok: true; projectId: string } | { ok: false; message: string };

/** Inserts `edit.text` at its line and column (1-based, as Monaco counts; past the end clamps to the end). */
export function applyEdit(text: string, edit: Pick<ReadOnlyEdit, "line" | "column" | "text">): { text: string; line: number; column: number } {
  const lines = text.split("\n");
  const row = Math.min(Math.max(edit.line, 1), lines.length) - 1;
  const current = lines[row]!;
  const col = Math.min(Math.max(edit.column, 1), current.length + 1) - 1;
  const inserted = current.slice(0, col) + edit.text + current.slice(col);
  const after = inserted.split("\n");
  lines.splice(row, 1, ...after);
  const lastInserted = edit.text.split("\n");
  const line = row + lastInserted.length;
  const column = lastInserted.length > 1 ? lastInserted.at(-1)!.length + 1 : col + edit.text.length + 1;
  return { text: lines.join("\n"), line, column };
}

export async function forkToLocal(input: ForkInput): Promise<ForkResult> {
  let files = input.files;
  let cursor: { path: string; line: number; column: number } | null = null;
  if (input.edit) {
    const edit = input.edit;
    files = input.files.map(([path, content]) => {
      if (path !== edit.path || typeof content !== "string") return [path, content] as const;
      const applied = applyEdit(content, edit);
      cursor = { path, line: applied.line, column: applied.column };
      return [path, applied.text] as const;
    });
  }
  const created = await createProject({ name: input.title.slice(0, 120) || "Fork", files, dirs: [...input.dirs], ...(input.origin ? { origin: input.origin } : {}) });
  if (!created.ok) return { ok: false, message: created.error.message };
  const tabs = [...new Set([...(cursor ? [(cursor as { path: string }).path] : []), ...(input.open ?? [])])].filter((p) => files.some(([path]) => path === p));
  if (tabs.length) {
    const c = cursor as { path: string; line: number; column: number } | null;
    const state: PersistedEditorState = {
      version: 1,
      tabs,
      active: tabs[0]!,
      drafts: {},
      views: c ? { [c.path]: { line: c.line, column: c.column, scrollTop: 0, scrollLeft: 0 } } : {},
    };
    await saveUiState(created.value.id, "editor", state).catch(() => undefined);
  }
  return { ok: true, projectId: created.value.id };
}
