"use client";
// The center of the workspace: tabs, the active file in Monaco (lazily loaded), or a clear message for files Monaco
// must not open (binary, too large). Conflicts between unsaved edits and outside changes are shown here.
import { AlignLeft, FileWarning, Loader2, Search } from "lucide-react";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { useProjectVersion, useWorkspace } from "@/components/workspace/WorkspaceContext";
import { basename } from "@/lib/project/paths";
import { editorStore } from "@/lib/workspace/editor-store";
import { editorKindFor, formatBytes, type EditorKind } from "@/lib/workspace/file-kind";
import { ConflictBar } from "./ConflictBar";
import { activeEditor, exposeTestHooks } from "./editor-handle";
import { EditorTabs } from "./EditorTabs";
import { loadMonacoEditor, preloadEditor } from "./preload";
import { UnsavedCloseDialog } from "./UnsavedCloseDialog";

const MonacoEditor = dynamic(loadMonacoEditor, {
  ssr: false,
  loading: () => <EditorLoading />,
});

export function EditorArea() {
  const { project, readOnly, readOnlyReason, onReadOnlyEdit } = useWorkspace();
  useProjectVersion(); // re-render when the active file's content kind changes (e.g. replaced by a binary)
  const active = useStore(editorStore, (s) => s.active);
  const conflict = useStore(editorStore, (s) => (s.active ? s.conflicts[s.active] : undefined));
  const [closing, setClosing] = useState<string | null>(null);
  const [compare, setCompare] = useState(false);

  useEffect(preloadEditor, []);
  useEffect(
    () => exposeTestHooks((path, content, origin) => project.write(path, content, { origin }).ok),
    [project],
  );
  useEffect(() => setCompare(false), [active, conflict]);

  const requestClose = (path: string) => {
    if (path in editorStore.getState().drafts) setClosing(path);
    else editorStore.getState().closeFile(path);
  };

  const node = active ? project.read(active) : null;
  const draft = active ? editorStore.getState().drafts[active] : undefined;
  // A deleted file with unsaved edits still opens: the draft is the text.
  const kind: EditorKind | null = active
    ? node?.ok
      ? editorKindFor(active, node.value.content)
      : draft
        ? editorKindFor(active, draft.content)
        : null
    : null;

  return (
    <div className="flex h-full min-w-0 flex-col bg-surface" data-testid="editor-area">
      <div className="flex shrink-0 items-stretch bg-surface-2">
        <div className="min-w-0 flex-1">
          <EditorTabs store={editorStore} onClose={requestClose} />
        </div>
        {active && kind?.kind === "text" && <EditorToolbar />}
      </div>
      {active && conflict && (
        <ConflictBar path={active} conflict={conflict} comparing={compare} onToggleCompare={() => setCompare((c) => !c)} />
      )}
      <div className="relative min-h-0 flex-1">
        {!active && <EmptyEditor />}
        {active && kind === null && <Message title="This file no longer exists." detail={active} />}
        {active && kind?.kind === "binary" && (
          <Message title="This file is binary and cannot be shown as text." detail={`${basename(active)} · ${formatBytes(kind.size)}`} />
        )}
        {active && kind?.kind === "too-large" && (
          <Message
            title="This file is too large to open in the editor."
            detail={`${basename(active)} · ${formatBytes(kind.size)} (the editor opens files up to 5 MB)`}
          />
        )}
        {/* Kept mounted while a message shows, so Monaco, its models and diagnostics stay alive. */}
        <div className={`absolute inset-0 ${active && kind?.kind === "text" ? "" : "invisible"}`} aria-hidden={!(active && kind?.kind === "text")}>
          <MonacoEditor
            project={project}
            store={editorStore}
            path={active && kind?.kind === "text" ? active : ""}
            readOnly={readOnly}
            {...(readOnlyReason ? { readOnlyMessage: readOnlyReason } : {})}
            {...(onReadOnlyEdit ? { onReadOnlyEdit } : {})}
            compare={compare && !!conflict}
          />
        </div>
      </div>
      {closing && <UnsavedCloseDialog path={closing} onDone={() => setClosing(null)} />}
    </div>
  );
}

function EditorToolbar() {
  return (
    <div className="flex shrink-0 items-center gap-0.5 border-b border-border px-1.5">
      <ToolbarButton label="Find and replace (Ctrl+H)" testId="editor-find" onClick={() => activeEditor()?.runAction("editor.action.startFindReplaceAction")}>
        <Search size={14} aria-hidden />
      </ToolbarButton>
      <ToolbarButton label="Format document (Shift+Alt+F)" testId="editor-format" onClick={() => activeEditor()?.runAction("editor.action.formatDocument")}>
        <AlignLeft size={14} aria-hidden />
      </ToolbarButton>
    </div>
  );
}

function ToolbarButton({ label, testId, onClick, children }: { label: string; testId: string; onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" title={label} aria-label={label} data-testid={testId} onClick={onClick} className="rounded p-1.5 text-muted hover:bg-surface-3 hover:text-fg">
      {children}
    </button>
  );
}

function EditorLoading() {
  return (
    <div className="flex h-full items-center justify-center gap-2 text-sm text-muted" data-testid="editor-loading">
      <Loader2 size={16} className="animate-spin" aria-hidden /> Loading editor…
    </div>
  );
}

function EmptyEditor() {
  return (
    <div className="absolute inset-0 z-10 flex flex-col items-center justify-center gap-1 bg-surface text-sm text-muted" data-testid="editor-empty">
      <p>No file is open.</p>
      <p className="text-xs">Pick one in the file tree, or press Ctrl+P to find it by name.</p>
    </div>
  );
}

function Message({ title, detail }: { title: string; detail: string }) {
  return (
    <div className="absolute inset-0 z-10 flex flex-col items-center justify-center gap-2 bg-surface p-6 text-center" data-testid="editor-message" role="status">
      <FileWarning size={28} className="text-muted" aria-hidden />
      <p className="text-sm font-medium text-fg">{title}</p>
      <p className="text-xs text-muted">{detail}</p>
    </div>
  );
}
