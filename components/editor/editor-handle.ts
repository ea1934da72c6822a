// A narrow handle on the mounted Monaco editor, for the toolbar (format, find) and for e2e tests. Tests read it as
// window.__tandemEditor: read-only accessors only — Monaco renders spaces as U+00A0, so tests compare getValue().
export interface EditorHandle {
  getValue(): string;
  getPath(): string | null;
  runAction(id: string): Promise<void> | undefined;
  focus(): void;
  /** The text of a project file's model (open or background), or null when it has none. */
  modelValue(path: string): string | null;
}

type TestWindow = Window & { __tandemEditor?: Pick<EditorHandle, "getValue" | "getPath" | "modelValue"> };

let active: EditorHandle | null = null;
let mounted = false;
const mountWaiters = new Set<() => void>();

/** Resolves once an editor has mounted in this page (or after `timeoutMs`, for a workspace with no file open). */
export function whenEditorMounted(timeoutMs: number): Promise<void> {
  if (mounted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      mountWaiters.delete(done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    mountWaiters.add(done);
  });
}

export function setActiveEditor(handle: EditorHandle): () => void {
  active = handle;
  mounted = true;
  for (const wake of [...mountWaiters]) wake();
  (window as TestWindow).__tandemEditor = {
    getValue: () => handle.getValue(),
    getPath: () => handle.getPath(),
    modelValue: (path) => handle.modelValue(path),
  };
  return () => {
    if (active !== handle) return;
    active = null;
    delete (window as TestWindow).__tandemEditor;
  };
}

export function activeEditor(): EditorHandle | null {
  return active;
}

type ExternalOrigin = "agent" | "runtime";
type TestContent = string | number[];
type TestHookWindow = Window & { __tandemTest?: { write(path: string, content: TestContent, origin: ExternalOrigin): boolean } };

/**
 * e2e only (the page was opened with ?e2e): lets a test make the agent's or the runtime's edits without those panels.
 * It grants nothing a script on this page could not already do; without ?e2e nothing is exposed.
 */
export function exposeTestHooks(write: (path: string, content: string | Uint8Array, origin: ExternalOrigin) => boolean): () => void {
  if (!new URLSearchParams(window.location.search).has("e2e")) return () => undefined;
  // Bytes arrive as a plain number array (what page.evaluate can pass).
  (window as TestHookWindow).__tandemTest = {
    write: (path, content, origin) => write(path, typeof content === "string" ? content : Uint8Array.from(content), origin),
  };
  return () => {
    delete (window as TestHookWindow).__tandemTest;
  };
}
