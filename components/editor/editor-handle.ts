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

export function setActiveEditor(handle: EditorHandle): () => void {
  active = handle;
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
