// Keeps one Monaco model per project file the editor needs, in step with the Project and the editor store:
// every .ts/.tsx/.js/.jsx file always has a model (so imports between project files resolve and diagnostics cover
// the whole project); other text files get one while they are open. Outside changes (agent, runtime) flow into
// models without unsaved edits; typing flows into the store as drafts.
import type { editor as MonacoEditorNs, IDisposable, Uri } from "monaco-editor/editor/editor.api";
import type { ChangeEvent, Project } from "@/lib/project";
import { isWithin } from "@/lib/project/paths";
import { ambientDeclarations, declaredPackages } from "@/lib/workspace/ambient-types";
import type { EditorState, EditorStore } from "@/lib/workspace/editor-store";
import { editorKindFor, isScriptPath } from "@/lib/workspace/file-kind";
import { setAmbientTypes, type Monaco } from "./monaco";

type TextModel = MonacoEditorNs.ITextModel;

/** Background models are skipped past these limits (an opened file still gets one, up to the editor's own limit). */
const MAX_BACKGROUND_MODELS = 3_000;
const MAX_BACKGROUND_BYTES = 1024 * 1024;
const BACKGROUND_BATCH = 100;

interface Entry {
  model: TextModel;
  /** Project version the model's clean text came from: the baseVersion of drafts typed into it. */
  version: number;
  /** True while we write into the model ourselves, so those edits are not mistaken for typing. */
  applying: boolean;
  listener: IDisposable;
}

export function uriForPath(monaco: Monaco, path: string): Uri {
  return monaco.Uri.from({ scheme: "file", path: `/${path}` });
}

export function pathForUri(uri: Uri): string | null {
  return uri.scheme === "file" && uri.path.startsWith("/") ? uri.path.slice(1) : null;
}

export class ProjectModels {
  private entries = new Map<string, Entry>();
  private disposers: Array<() => void> = [];
  private ambientSource: string | null | undefined;
  private backgroundTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly monaco: Monaco,
    private readonly project: Project,
    private readonly store: EditorStore,
  ) {
    this.updateAmbientTypes();
    this.disposers.push(project.subscribe((event) => this.onProjectChange(event)));
    this.disposers.push(store.subscribe((next, prev) => this.onStoreChange(next, prev)));
  }

  /**
   * Creates a model for every script file, a batch per task, so the file the user is looking at renders first.
   * Until a file's model exists, imports of it do not resolve; cross-file-diagnostics re-checks once they do.
   */
  loadBackground(): void {
    const pending = this.project
      .listFiles()
      .filter((node) => isScriptPath(node.path) && typeof node.content === "string" && node.content.length <= MAX_BACKGROUND_BYTES)
      .slice(0, MAX_BACKGROUND_MODELS)
      .map((node) => node.path);
    const step = () => {
      this.backgroundTimer = null;
      for (const path of pending.splice(0, BACKGROUND_BATCH)) if (!this.entries.has(path)) this.create(path);
      if (pending.length > 0) this.backgroundTimer = setTimeout(step, 0);
    };
    step();
  }

  /** The model for a text file, created on demand; null for binary, too large or missing files. */
  modelFor(path: string): TextModel | null {
    return this.entries.get(path)?.model ?? this.create(path);
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  dispose(): void {
    if (this.backgroundTimer) clearTimeout(this.backgroundTimer);
    for (const dispose of this.disposers) dispose();
    this.disposers = [];
    for (const path of [...this.entries.keys()]) this.drop(path);
  }

  private create(path: string): TextModel | null {
    const node = this.project.read(path);
    if (!node.ok) return null;
    const kind = editorKindFor(path, node.value.content);
    if (kind.kind !== "text") return null;
    const draft = this.store.getState().drafts[path];
    const text = draft?.content ?? (node.value.content as string);
    const uri = uriForPath(this.monaco, path);
    // A model may survive from an earlier mount (React strict mode, project switch): reuse it, with our text.
    const existing = this.monaco.editor.getModel(uri);
    const model = existing ?? this.monaco.editor.createModel(text, kind.language, uri);
    if (existing && existing.getValue() !== text) existing.setValue(text);
    const entry: Entry = { model, version: draft?.baseVersion ?? node.value.version, applying: false, listener: { dispose() {} } };
    entry.listener = model.onDidChangeContent(() => {
      if (!entry.applying) this.store.getState().editDraft(path, model.getValue(), entry.version);
    });
    this.entries.set(path, entry);
    return model;
  }

  private drop(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    entry.listener.dispose();
    entry.model.dispose();
    this.entries.delete(path);
  }

  /** Replaces the model's text as one undoable edit (the user can undo the agent's change like their own). */
  private replaceText(entry: Entry, text: string, version: number): void {
    entry.version = version;
    if (entry.model.getValue() === text) return;
    entry.applying = true;
    try {
      entry.model.pushEditOperations([], [{ range: entry.model.getFullModelRange(), text }], () => null);
      entry.model.pushStackElement();
    } finally {
      entry.applying = false;
    }
  }

  private onProjectChange(event: ChangeEvent): void {
    const { op } = event;
    if (op.type === "write") {
      if (op.path === "package.json") this.updateAmbientTypes();
      const entry = this.entries.get(op.path);
      if (!entry) {
        if (isScriptPath(op.path) && typeof op.content === "string" && op.content.length <= MAX_BACKGROUND_BYTES) this.create(op.path);
        return;
      }
      if (editorKindFor(op.path, op.content).kind !== "text") {
        this.drop(op.path);
        return;
      }
      const text = op.content as string;
      if (entry.model.getValue() === text) entry.version = event.seq; // our own save, or the same text
      else if (!this.store.getState().drafts[op.path]) this.replaceText(entry, text, event.seq); // live outside edit
      // else: unsaved edits meet an outside change — the store marks the conflict; the buffer stays the user's.
    } else if (op.type === "delete") {
      if (isWithin("package.json", op.path)) this.updateAmbientTypes();
      const drafts = this.store.getState().drafts;
      for (const path of this.paths()) if (isWithin(path, op.path) && !drafts[path]) this.drop(path);
    } else if (op.type === "rename") {
      if (isWithin("package.json", op.from) || op.to === "package.json") this.updateAmbientTypes();
      // After every listener has run, so the store already moved its drafts to the new paths.
      queueMicrotask(() => this.moveModels(op.from, op.to));
    }
  }

  private moveModels(from: string, to: string): void {
    for (const path of this.paths()) {
      if (!isWithin(path, from)) continue;
      const target = to + path.slice(from.length);
      if (!this.entries.has(target)) this.create(target);
      this.drop(path);
    }
  }

  /** Drafts dropped (discard, "take theirs", hydrate) or restored: make the buffer show what it should. */
  private onStoreChange(next: EditorState, prev: EditorState): void {
    if (next.drafts !== prev.drafts) {
      for (const [path, entry] of this.entries) {
        const draft = next.drafts[path];
        if (draft === prev.drafts[path]) continue;
        if (draft) {
          if (entry.model.getValue() !== draft.content) this.replaceText(entry, draft.content, draft.baseVersion);
          else entry.version = draft.baseVersion;
          continue;
        }
        const node = this.project.read(path);
        if (node.ok && typeof node.value.content === "string") this.replaceText(entry, node.value.content, node.value.version);
        else if (!node.ok) this.drop(path); // a deleted file whose unsaved buffer was just discarded
      }
    }
    if (next.tabs !== prev.tabs) {
      // Non-script models live only while their tab is open.
      for (const path of this.paths())
        if (!isScriptPath(path) && !next.tabs.includes(path) && !next.drafts[path]) this.drop(path);
    }
  }

  private updateAmbientTypes(): void {
    const node = this.project.read("package.json");
    const source = node.ok && typeof node.value.content === "string" ? node.value.content : null;
    if (source === this.ambientSource) return;
    this.ambientSource = source;
    setAmbientTypes(ambientDeclarations(declaredPackages(source)));
  }
}
