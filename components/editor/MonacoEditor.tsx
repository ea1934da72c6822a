"use client";
// The Monaco editor itself. Loaded only through next/dynamic(ssr: false) from EditorArea: Monaco is ~3 MB and must
// stay out of the first load. One editor instance; each tab is a model, so switching tabs keeps undo and cursor.
import { useEffect, useRef, useState } from "react";
import type { Project } from "@/lib/project";
import type { EditorStore } from "@/lib/workspace/editor-store";
import type { ReadOnlyEdit } from "@/lib/workspace/editor-types";
import { setActiveEditor } from "./editor-handle";
import { registerAskAction } from "./monaco/ask-action";
import { configureMonaco, themeForDocument, type Monaco } from "./monaco/monaco";
import { refreshDependentDiagnostics } from "./monaco/cross-file-diagnostics";
import { mirrorProblems } from "./monaco/problems";
import { pathForUri, ProjectModels } from "./monaco/project-models";
import { CompareView } from "./CompareView";

type CodeEditor = ReturnType<Monaco["editor"]["create"]>;
type ViewState = NonNullable<ReturnType<CodeEditor["saveViewState"]>>;

const VIEW_SAVE_DELAY_MS = 250;

export interface MonacoEditorProps {
  project: Project;
  store: EditorStore;
  /** The file to show; a text file the store has open. */
  path: string;
  readOnly: boolean;
  /** What Monaco says when an edit is refused. */
  readOnlyMessage?: string;
  /** A typed character while read-only (kept by whoever offers to make the project editable). */
  onReadOnlyEdit?: (edit: ReadOnlyEdit) => void;
  /** Show "theirs" (the project) beside "mine" (the buffer) while a conflict is open. */
  compare: boolean;
}

export default function MonacoEditor({ project, store, path, readOnly, readOnlyMessage, onReadOnlyEdit, compare }: MonacoEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const readOnlyKey = useRef<{ readOnly: boolean; onEdit?: ((edit: ReadOnlyEdit) => void) | undefined }>({ readOnly });
  readOnlyKey.current = { readOnly, onEdit: onReadOnlyEdit };
  const [ctx, setCtx] = useState<{ monaco: Monaco; editor: CodeEditor; models: ProjectModels } | null>(null);
  const viewStates = useRef(new Map<string, ViewState>());
  const shownPath = useRef<string | null>(null);

  // Create the editor and the project's models once per project.
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const monaco = configureMonaco();
    const models = new ProjectModels(monaco, project, store);
    const stopProblems = mirrorProblems(monaco, store);
    const stopCrossFile = refreshDependentDiagnostics(monaco);
    const editor = monaco.editor.create(element, {
      model: null,
      theme: themeForDocument(),
      automaticLayout: true,
      fontSize: 13,
      fontFamily: "var(--font-geist-mono), ui-monospace, Menlo, Consolas, monospace",
      tabSize: 2,
      minimap: { enabled: true, renderCharacters: false },
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      formatOnPaste: false,
      "semanticHighlighting.enabled": true,
    });
    // Go to definition (F12, Ctrl+click) into another project file opens it as a tab at that spot.
    const opener = monaco.editor.registerEditorOpener({
      openCodeEditor(_source, resource, selectionOrPosition) {
        const target = pathForUri(resource);
        if (target === null || !project.hasFile(target)) return false;
        const at = selectionOrPosition
          ? "startLineNumber" in selectionOrPosition
            ? { line: selectionOrPosition.startLineNumber, column: selectionOrPosition.startColumn }
            : { line: selectionOrPosition.lineNumber, column: selectionOrPosition.column }
          : {};
        return store.getState().openFile(target, at).ok;
      },
    });
    const askAction = registerAskAction(monaco, editor, () => shownPath.current);
    // Follow the app's light/dark switch.
    const themeObserver = new MutationObserver(() => monaco.editor.setTheme(themeForDocument()));
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

    // Remember the cursor and scroll per file (store: survives reloads; view state: folding, selections too).
    let viewTimer: ReturnType<typeof setTimeout> | null = null;
    const recordView = () => {
      if (viewTimer) clearTimeout(viewTimer);
      viewTimer = setTimeout(() => {
        const current = shownPath.current;
        const position = editor.getPosition();
        if (!current || !position) return;
        store.getState().setView(current, {
          line: position.lineNumber,
          column: position.column,
          scrollTop: editor.getScrollTop(),
          scrollLeft: editor.getScrollLeft(),
        });
      }, VIEW_SAVE_DELAY_MS);
    };
    const cursorSub = editor.onDidChangeCursorPosition(recordView);
    // While read-only, a typed character (or Enter/Tab) goes to whoever can make the project editable, with where it
    // would have gone. Shortcuts (Ctrl/Cmd/Alt) and navigation keys are Monaco's as usual.
    const keySub = editor.onKeyDown((e) => {
      const { readOnly: locked, onEdit } = readOnlyKey.current;
      const position = editor.getPosition();
      const current = shownPath.current;
      if (!locked || !onEdit || !position || !current) return;
      const ev = e.browserEvent;
      if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return;
      const text = ev.key.length === 1 ? ev.key : ev.key === "Enter" ? "\n" : ev.key === "Tab" ? "\t" : null;
      if (text === null) return;
      e.preventDefault();
      e.stopPropagation();
      onEdit({ path: current, line: position.lineNumber, column: position.column, text });
    });
    const scrollSub = editor.onDidScrollChange(recordView);

    const unregister = setActiveEditor({
      getValue: () => editor.getValue(),
      getPath: () => shownPath.current,
      runAction: (id) => editor.getAction(id)?.run(),
      focus: () => editor.focus(),
      modelValue: (p) => monaco.editor.getModel(monaco.Uri.from({ scheme: "file", path: `/${p}` }))?.getValue() ?? null,
    });
    setCtx({ monaco, editor, models });
    // After the active file has painted: the rest of the project, for imports and project-wide diagnostics.
    let backgroundTimer: ReturnType<typeof setTimeout> | null = null;
    const frame = requestAnimationFrame(() => {
      backgroundTimer = setTimeout(() => models.loadBackground(), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (backgroundTimer) clearTimeout(backgroundTimer);
      if (viewTimer) clearTimeout(viewTimer);
      unregister();
      cursorSub.dispose();
      keySub.dispose();
      scrollSub.dispose();
      themeObserver.disconnect();
      opener.dispose();
      askAction.dispose();
      stopProblems();
      stopCrossFile();
      editor.dispose();
      models.dispose();
      shownPath.current = null;
      setCtx(null);
    };
  }, [project, store]);

  // Show the active file: save the old view, swap the model, restore where the user was.
  useEffect(() => {
    if (!ctx) return;
    const { editor, models } = ctx;
    const previous = shownPath.current;
    if (previous === path && editor.getModel()) return;
    if (previous) {
      const state = editor.saveViewState();
      if (state) viewStates.current.set(previous, state);
    }
    const model = models.modelFor(path);
    editor.setModel(model);
    shownPath.current = model ? path : null;
    if (!model) return;
    const saved = viewStates.current.get(path);
    if (saved) editor.restoreViewState(saved);
    else {
      const view = store.getState().views[path];
      if (view) {
        editor.setPosition({ lineNumber: view.line, column: view.column });
        editor.setScrollTop(view.scrollTop);
        editor.setScrollLeft(view.scrollLeft);
      }
    }
    // Take the keyboard when nobody else has it, or from an overlay (quick open, search) that is closing — after it
    // has closed and restored focus. Opening a file from the tree must not pull focus out of the tree.
    const focused = document.activeElement;
    if (!focused || focused === document.body || host.current?.contains(focused) || focused.closest("dialog")) {
      const frame = requestAnimationFrame(() => editor.focus());
      return () => cancelAnimationFrame(frame);
    }
  }, [ctx, path, store]);

  useEffect(() => {
    ctx?.editor.updateOptions({ readOnly, readOnlyMessage: { value: readOnlyMessage ?? "This project is open in another tab; this one is read-only." } });
  }, [ctx, readOnly, readOnlyMessage]);

  // "Open at line": performed once the file is the one shown.
  useEffect(() => {
    if (!ctx) return;
    const perform = () => {
      const reveal = store.getState().reveal;
      if (!reveal || reveal.path !== shownPath.current) return;
      const position = { lineNumber: reveal.line, column: reveal.column };
      ctx.editor.setPosition(position);
      ctx.editor.revealPositionInCenter(position);
      ctx.editor.focus();
      store.getState().consumeReveal(reveal.nonce);
    };
    perform();
    return store.subscribe((next, prev) => {
      if (next.reveal !== prev.reveal || next.active !== prev.active) queueMicrotask(perform);
    });
  }, [ctx, path, store]);

  return (
    <div className="relative h-full w-full" data-testid="monaco-host" data-ready={ctx ? "true" : "false"}>
      <div ref={host} className={`absolute inset-0 ${compare ? "invisible" : ""}`} />
      {ctx && compare && (
        <CompareView monaco={ctx.monaco} project={project} path={path} mine={ctx.models.modelFor(path)} />
      )}
    </div>
  );
}
