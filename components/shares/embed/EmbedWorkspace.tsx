"use client";
// A share inside someone else's page: minimal chrome (a title line, Run output, Open in Tandem) around the workspace's
// own editor, tree and preview, laid out by the embed's parameters. Edits stay in this frame (in memory) until "Open
// in Tandem" carries them into a fork in a new tab; readOnly embeds refuse them.
import { ExternalLink, Loader2, Play } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { EditorArea } from "@/components/editor/EditorArea";
import { FileTreePanel } from "@/components/file-tree/FileTreePanel";
import { PreviewPanel } from "@/components/preview/PreviewPanel";
import { useKeepRuntime, useProjectRuntime } from "@/components/terminal/runtime-hooks";
import { useEditorStatePersistence } from "@/components/workspace/useEditorStatePersistence";
import { WorkspaceProvider, type WorkspaceValue } from "@/components/workspace/WorkspaceContext";
import type { ProjectMeta } from "@/lib/persistence/projects";
import { diffEdits, encodeEdits } from "@/lib/shares/client/edits";
import type { EmbedOptions } from "@/lib/shares/embed";
import { editorStore } from "@/lib/workspace/editor-store";
import { firstFile } from "../view/SharedWorkspace";
import type { OpenShareState } from "../view/useOpenShare";
import { runIn, useEmbedApi } from "./useEmbedApi";

type Ready = Extract<OpenShareState, { status: "ready" }>;
type Run = { command: string; state: "running" } | { command: string; state: "done"; exitCode: number; output: string };

export function EmbedWorkspace({ state, options }: { state: Ready; options: EmbedOptions }) {
  const { info, opened, project, title } = state;
  const projectId = `embed-${info.id}-v${opened.version}`;
  const meta = useMemo<ProjectMeta>(() => ({ id: projectId, name: title, createdAt: 0, openedAt: 0, updatedAt: 0, size: 0, fileCount: opened.files.length, dirs: opened.dirs, seq: 0 }), [projectId, title, opened]);
  const workspace = useMemo<WorkspaceValue>(
    () => ({ projectId, meta, project, autosave: null, readOnly: options.readOnly, ...(options.readOnly ? { readOnlyReason: "This embed is read-only. Open it in Tandem to edit your own copy." } : {}) }),
    [projectId, meta, project, options.readOnly],
  );
  useKeepRuntime(projectId, project);
  const ready = useEditorStatePersistence(projectId, project, true);
  if (!ready) return <div className="flex h-dvh items-center justify-center text-sm text-muted">Opening…</div>;
  return (
    <WorkspaceProvider value={workspace}>
      <EmbedBody state={state} options={options} />
    </WorkspaceProvider>
  );
}

function EmbedBody({ state, options }: { state: Ready; options: EmbedOptions }) {
  const { info, opened, project, title, keyText } = state;
  const runtime = useProjectRuntime();
  const [run, setRun] = useState<Run | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const show = (command: string, result: Promise<{ exitCode: number; stdout: string; stderr: string }>) => {
    setRun({ command, state: "running" });
    void result.then((r) => setRun({ command, state: "done", exitCode: r.exitCode, output: `${r.stdout}${r.stderr}` }));
  };
  useEmbedApi({ share: info.id, version: opened.version, project, runtime, onRun: show });

  // Open the asked-for files (the first active, at its line), or what a viewer would see first.
  useEffect(() => {
    const store = editorStore.getState();
    const texts = project.listFiles().filter((f) => typeof f.content === "string").map((f) => f.path);
    const wanted = options.files.filter((f) => project.hasFile(f.path));
    for (const f of [...wanted].reverse()) store.openFile(f.path, f.line ? { line: f.line, column: 1 } : {});
    if (!wanted.length) {
      const first = firstFile(texts);
      if (first) store.openFile(first);
    }
  }, [project, options.files]);

  // Edits go into the in-memory project as they are made, so the preview follows them (there is no Save here).
  useEffect(() => {
    if (options.readOnly) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = editorStore.subscribe((next, prev) => {
      if (next.drafts === prev.drafts) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        for (const path of Object.keys(editorStore.getState().drafts)) editorStore.getState().save(path);
      }, 300);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [options.readOnly]);

  // run=: once, when the runtime is there.
  const [ranOnOpen, setRanOnOpen] = useState(false);
  useEffect(() => {
    if (!options.run || !runtime || ranOnOpen) return;
    setRanOnOpen(true);
    show(options.run, runIn(runtime, options.run));
  }, [options.run, runtime, ranOnOpen]);

  useEffect(() => {
    if (options.theme) document.documentElement.dataset.theme = options.theme;
  }, [options.theme]);

  const openInTandem = () => {
    for (const path of Object.keys(editorStore.getState().drafts)) editorStore.getState().save(path);
    const edits = diffEdits(opened.files, project.listFiles().map((f) => [f.path, f.content] as const));
    const changed = Object.keys(edits.set).length + edits.remove.length > 0;
    const text = changed ? encodeEdits(edits) : "";
    if (text === null) return setProblem("Your edits are too large to carry over in a link; download the files instead.");
    const fragment = [keyText ? `key=${keyText}` : "", text ? `edits=${text}` : ""].filter(Boolean).join("&");
    window.open(`${window.location.origin}/s/${info.id}/v/${opened.version}?fork=1${fragment ? `#${fragment}` : ""}`, "_blank", "noopener,noreferrer");
  };

  const showEditor = options.view !== "preview";
  const showPreview = options.view !== "editor";
  return (
    <>
      <div className="flex h-dvh flex-col overflow-hidden bg-surface text-fg" data-testid="embed" data-view={options.view}>
        <div className="flex h-8 shrink-0 items-center gap-2 border-b border-border bg-surface-2 px-2 text-xs">
          <span className="min-w-0 truncate font-medium" data-testid="embed-title">{title}</span>
          <span className="text-muted">v{opened.version}</span>
          {problem && <span role="alert" className="truncate text-danger">{problem}</span>}
          {options.run && (
            <button type="button" disabled={!runtime || run?.state === "running"} onClick={() => runtime && show(options.run!, runIn(runtime, options.run!))} className="ml-auto inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-muted hover:bg-surface-3 hover:text-fg" data-testid="embed-run">
              <Play size={12} aria-hidden /> {options.run}
            </button>
          )}
          <button type="button" onClick={openInTandem} className={`${options.run ? "" : "ml-auto "}inline-flex items-center gap-1 rounded bg-accent px-2 py-0.5 font-medium text-accent-fg`} data-testid="embed-open">
            <ExternalLink size={12} aria-hidden /> Open in Tandem
          </button>
        </div>
        <div className="flex min-h-0 flex-1">
          {showEditor && !options.hideExplorer && (
            <nav aria-label="Files" className="w-48 shrink-0 border-r border-border bg-surface-2" data-testid="embed-explorer">
              <FileTreePanel />
            </nav>
          )}
          {showEditor && (
            <main className="min-w-0 flex-1" aria-label="Editor">
              <EditorArea />
            </main>
          )}
          {showPreview && (
            <section className={`min-w-0 flex-1 ${showEditor ? "border-l border-border" : ""}`} aria-label="Preview" data-testid="embed-preview">
              <PreviewPanel />
            </section>
          )}
        </div>
        {run && (
          <section className="max-h-[40%] shrink-0 overflow-auto border-t border-border bg-surface-2 p-2 font-mono text-[11px]" aria-label="Run output" data-testid="embed-output">
            <div className="mb-1 flex items-center gap-2 text-muted">
              $ {run.command}
              {run.state === "running" ? <Loader2 size={11} className="animate-spin" aria-label="running" /> : <span data-testid="embed-exit">exit {run.exitCode}</span>}
            </div>
            {run.state === "done" && <pre className="whitespace-pre-wrap break-words">{run.output}</pre>}
          </section>
        )}
      </div>
    </>
  );
}
