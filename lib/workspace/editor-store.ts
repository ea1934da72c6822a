// The editor's shared state: open tabs, the active file, unsaved drafts (with the version they were based on), cursor
// positions and the problems summary. Framework-free (zustand/vanilla); the Monaco layer and every panel that needs
// "open this file at this line" (terminal links, search, the agent) talk to it, never to each other.
import { createStore, type StoreApi } from "zustand/vanilla";
import { z } from "zod";
import { err, ok, type ChangeEvent, type Project, type Result } from "@/lib/project";
import { isWithin } from "@/lib/project/paths";

export type { Conflict, CursorView, Draft, Problem, ProblemSeverity, ProblemSummary, RevealRequest } from "./editor-types";
import type { Conflict, CursorView, Draft, Problem, ProblemSummary, RevealRequest } from "./editor-types";

export interface EditorState {
  tabs: string[];
  active: string | null;
  drafts: Record<string, Draft>;
  views: Record<string, CursorView>;
  conflicts: Record<string, Conflict>;
  reveal: RevealRequest | null;
  problems: Problem[];
  summary: ProblemSummary;
}

export interface OpenOptions {
  line?: number;
  column?: number;
}

export interface EditorActions {
  /** Binds the store to a project (idempotent) and follows its changes. Returns the unsubscribe. */
  attach(project: Project): () => void;
  openFile(path: string, opts?: OpenOptions): Result<void>;
  /** Closes a tab and drops its draft: the UI asks the user first when there is one. */
  closeFile(path: string): void;
  setActive(path: string): void;
  /** Moves a tab to `toIndex` (index in the list after removal, clamped). */
  reorder(path: string, toIndex: number): void;
  /** Records the buffer's text; a text equal to the project's is no draft. */
  editDraft(path: string, content: string, baseVersion: number): void;
  /** Writes the draft with its baseVersion: a stale save fails with a "conflict" error and marks the conflict. */
  save(path: string): Result<ChangeEvent | null>;
  /** "mine" overwrites the project's version on purpose; "theirs" drops the draft and reloads. */
  resolveConflict(path: string, choice: "mine" | "theirs"): Result<void>;
  setView(path: string, view: CursorView): void;
  consumeReveal(nonce: number): void;
  setProblems(problems: Problem[]): void;
  /** Replaces tabs, active file, drafts and cursors with a persisted state (see `persistedStateSchema`); null resets. */
  hydrate(state: unknown): Result<void>;
  reset(): void;
}

export type EditorStore = StoreApi<EditorState & EditorActions>;

const cursorViewSchema = z.object({
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  scrollTop: z.number().min(0),
  scrollLeft: z.number().min(0),
});

/** What survives a reload. Conflicts are recomputed from the drafts' base versions, problems by the language service. */
export const persistedStateSchema = z.object({
  version: z.literal(1),
  tabs: z.array(z.string()),
  active: z.string().nullable(),
  drafts: z.record(z.string(), z.object({ content: z.string(), baseVersion: z.number().int().min(0) })),
  views: z.record(z.string(), cursorViewSchema),
});
export type PersistedEditorState = z.infer<typeof persistedStateSchema>;

const empty = (): EditorState => ({
  tabs: [],
  active: null,
  drafts: {},
  views: {},
  conflicts: {},
  reveal: null,
  problems: [],
  summary: { errors: 0, warnings: 0 },
});

export function toPersistedState(state: EditorState): PersistedEditorState {
  return { version: 1, tabs: state.tabs, active: state.active, drafts: state.drafts, views: state.views };
}

/** Moves every path key under `from` to `to` (a file or a folder rename). */
function renameKeys<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  let changed = false;
  const next: Record<string, T> = {};
  for (const [path, value] of Object.entries(record)) {
    if (isWithin(path, from)) {
      next[to + path.slice(from.length)] = value;
      changed = true;
    } else next[path] = value;
  }
  return changed ? next : record;
}

function without<T>(record: Record<string, T>, path: string): Record<string, T> {
  if (!(path in record)) return record;
  const next = { ...record };
  delete next[path];
  return next;
}

export function createEditorStore(): EditorStore {
  let project: Project | null = null;
  // Who the current state belongs to: a project, or "hydrated" (a saved state waiting for its project).
  let owner: Project | "hydrated" | null = null;
  let nonce = 0;

  const store = createStore<EditorState & EditorActions>()((set, get) => {
    /** Brings tabs, drafts and conflicts in line with the project after attach or hydrate. */
    const reconcile = () => {
      if (!project) return;
      const p = project;
      const { tabs, drafts, active } = get();
      const conflicts: Record<string, Conflict> = {};
      for (const [path, draft] of Object.entries(drafts)) {
        const node = p.read(path);
        if (!node.ok) conflicts[path] = { kind: "deleted", origin: "system" };
        else if (node.value.version !== draft.baseVersion)
          conflicts[path] = { kind: "changed", theirsVersion: node.value.version, origin: "system" };
      }
      const keep = tabs.filter((path) => p.hasFile(path) || path in drafts);
      set({ tabs: keep, active: active && keep.includes(active) ? active : (keep[0] ?? null), conflicts });
    };

    const onChange = (event: ChangeEvent) => {
      const { op } = event;
      const state = get();
      if (op.type === "write") {
        const draft = state.drafts[op.path];
        if (!draft) return;
        if (typeof op.content === "string" && op.content === draft.content)
          set({ drafts: without(state.drafts, op.path), conflicts: without(state.conflicts, op.path) });
        else set({ conflicts: { ...state.conflicts, [op.path]: { kind: "changed", theirsVersion: event.seq, origin: event.origin } } });
      } else if (op.type === "delete") {
        const gone = state.tabs.filter((path) => isWithin(path, op.path));
        if (gone.length === 0 && !Object.keys(state.drafts).some((path) => isWithin(path, op.path))) return;
        const conflicts = { ...state.conflicts };
        for (const path of Object.keys(state.drafts))
          if (isWithin(path, op.path)) conflicts[path] = { kind: "deleted", origin: event.origin };
        const tabs = state.tabs.filter((path) => !isWithin(path, op.path) || path in state.drafts);
        const views = { ...state.views };
        for (const path of gone) if (!(path in state.drafts)) delete views[path];
        set({ tabs, views, conflicts, active: nextActive(state.tabs, tabs, state.active) });
      } else if (op.type === "rename") {
        const move = (path: string) => (isWithin(path, op.from) ? op.to + path.slice(op.from.length) : path);
        // A moved file gets a new version; a draft that was current stays current.
        const drafts: Record<string, Draft> = {};
        for (const [path, draft] of Object.entries(state.drafts))
          drafts[move(path)] = isWithin(path, op.from) && !state.conflicts[path] ? { ...draft, baseVersion: event.seq } : draft;
        set({
          tabs: state.tabs.map(move),
          active: state.active === null ? null : move(state.active),
          drafts,
          views: renameKeys(state.views, op.from, op.to),
          conflicts: renameKeys(state.conflicts, op.from, op.to),
          reveal: state.reveal ? { ...state.reveal, path: move(state.reveal.path) } : null,
        });
      }
    };

    return {
      ...empty(),

      attach(next) {
        if (owner !== next && owner !== "hydrated") set(empty());
        owner = next;
        project = next;
        reconcile();
        const unsubscribe = next.subscribe(onChange);
        return () => {
          unsubscribe();
          if (project === next) project = null;
        };
      },

      openFile(path, opts = {}) {
        if (project) {
          const node = project.read(path);
          if (!node.ok) return node;
        }
        const { tabs } = get();
        const reveal =
          opts.line === undefined ? get().reveal : { path, line: Math.max(1, opts.line), column: Math.max(1, opts.column ?? 1), nonce: ++nonce };
        set({ tabs: tabs.includes(path) ? tabs : [...tabs, path], active: path, reveal });
        return ok(undefined);
      },

      closeFile(path) {
        const state = get();
        if (!state.tabs.includes(path)) return;
        const tabs = state.tabs.filter((p) => p !== path);
        set({
          tabs,
          active: nextActive(state.tabs, tabs, state.active),
          drafts: without(state.drafts, path),
          conflicts: without(state.conflicts, path),
        });
      },

      setActive(path) {
        if (get().tabs.includes(path)) set({ active: path });
      },

      reorder(path, toIndex) {
        const tabs = get().tabs.filter((p) => p !== path);
        if (tabs.length === get().tabs.length) return;
        const at = Math.max(0, Math.min(tabs.length, Math.trunc(toIndex)));
        tabs.splice(at, 0, path);
        set({ tabs });
      },

      editDraft(path, content, baseVersion) {
        const state = get();
        const node = project?.read(path);
        const clean = node?.ok && node.value.version === baseVersion && node.value.content === content;
        if (clean) {
          if (path in state.drafts) set({ drafts: without(state.drafts, path), conflicts: without(state.conflicts, path) });
          return;
        }
        const current = state.drafts[path];
        if (current?.content === content && current.baseVersion === baseVersion) return;
        set({ drafts: { ...state.drafts, [path]: { content, baseVersion } } });
      },

      save(path) {
        const draft = get().drafts[path];
        if (!draft) return ok(null);
        if (!project) return err("invalid-input", "No project is open.", path);
        const known = get().conflicts[path];
        if (known)
          return err("conflict", known.kind === "deleted" ? `"${path}" was deleted since it was opened.` : `"${path}" changed since it was opened.`, path);
        const result = project.write(path, draft.content, { origin: "user", baseVersion: draft.baseVersion });
        if (!result.ok && result.error.code === "conflict" && !get().conflicts[path]) {
          const node = project.read(path);
          const conflict: Conflict = node.ok
            ? { kind: "changed", theirsVersion: node.value.version, origin: "system" }
            : { kind: "deleted", origin: "system" };
          set({ conflicts: { ...get().conflicts, [path]: conflict } });
        }
        return result;
      },

      resolveConflict(path, choice) {
        const state = get();
        const draft = state.drafts[path];
        if (!draft) {
          set({ conflicts: without(state.conflicts, path) });
          return ok(undefined);
        }
        if (choice === "theirs") {
          const exists = project?.hasFile(path) ?? false;
          const tabs = exists ? state.tabs : state.tabs.filter((p) => p !== path);
          set({
            drafts: without(state.drafts, path),
            conflicts: without(state.conflicts, path),
            tabs,
            active: nextActive(state.tabs, tabs, state.active),
          });
          return ok(undefined);
        }
        if (!project) return err("invalid-input", "No project is open.", path);
        const node = project.read(path);
        const baseVersion = node.ok ? node.value.version : 0;
        const result = project.write(path, draft.content, { origin: "user", baseVersion });
        if (!result.ok) return result;
        set({ conflicts: without(get().conflicts, path), drafts: without(get().drafts, path) });
        return ok(undefined);
      },

      setView(path, view) {
        const current = get().views[path];
        if (
          current &&
          current.line === view.line &&
          current.column === view.column &&
          current.scrollTop === view.scrollTop &&
          current.scrollLeft === view.scrollLeft
        )
          return;
        set({ views: { ...get().views, [path]: view } });
      },

      consumeReveal(n) {
        if (get().reveal?.nonce === n) set({ reveal: null });
      },

      setProblems(problems) {
        const sorted = [...problems].sort(
          (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column),
        );
        let errors = 0;
        let warnings = 0;
        for (const problem of sorted) {
          if (problem.severity === "error") errors++;
          else if (problem.severity === "warning") warnings++;
        }
        set({ problems: sorted, summary: { errors, warnings } });
      },

      hydrate(raw) {
        if (raw === null || raw === undefined) {
          get().reset();
          return ok(undefined);
        }
        const parsed = persistedStateSchema.safeParse(raw);
        if (!parsed.success) return err("invalid-input", `Saved editor state is unreadable: ${parsed.error.message}`);
        const { tabs, active, drafts, views } = parsed.data;
        const unique = [...new Set(tabs)];
        set({
          ...empty(),
          tabs: unique,
          active: active !== null && unique.includes(active) ? active : (unique[0] ?? null),
          drafts,
          views,
          problems: get().problems,
          summary: get().summary,
        });
        owner = project ?? "hydrated";
        reconcile();
        return ok(undefined);
      },

      reset() {
        set(empty());
        owner = project;
      },
    };
  });
  return store;
}

/** After closing tabs: keep the active one if it is still open, else its neighbour to the right, else the left. */
function nextActive(before: string[], after: string[], active: string | null): string | null {
  if (active !== null && after.includes(active)) return active;
  if (after.length === 0) return null;
  const index = active === null ? 0 : before.indexOf(active);
  for (let i = index + 1; i < before.length; i++) {
    const candidate = before[i];
    if (candidate !== undefined && after.includes(candidate)) return candidate;
  }
  for (let i = index - 1; i >= 0; i--) {
    const candidate = before[i];
    if (candidate !== undefined && after.includes(candidate)) return candidate;
  }
  return after[0] ?? null;
}

/** The one editor store of the page. Panels import these functions; tests create their own with createEditorStore. */
export const editorStore = createEditorStore();

export function openFile(path: string, opts?: OpenOptions): Result<void> {
  return editorStore.getState().openFile(path, opts);
}

export const selectDirtyPaths = (state: EditorState): string[] => Object.keys(state.drafts);
export const selectProblemSummary = (state: EditorState): ProblemSummary => state.summary;

/**
 * For the workspace's persistence: a serializable snapshot of what a reload restores, `hydrate` to restore it, and
 * `subscribe` that fires only when that snapshot changed.
 */
export const editorPersistence = {
  getState: (): PersistedEditorState => toPersistedState(editorStore.getState()),
  hydrate: (state: unknown): Result<void> => editorStore.getState().hydrate(state),
  subscribe(listener: (state: PersistedEditorState) => void): () => void {
    return editorStore.subscribe((next, prev) => {
      if (next.tabs !== prev.tabs || next.active !== prev.active || next.drafts !== prev.drafts || next.views !== prev.views)
        listener(toPersistedState(next));
    });
  },
};
