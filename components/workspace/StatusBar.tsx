"use client";
import { AlertTriangle, CheckCircle2, CircleX, Loader2, Lock } from "lucide-react";
import { useSyncExternalStore } from "react";
import { useStore } from "zustand";
import { RuntimeStatus } from "@/components/terminal/RuntimeStatus";
import { editorStore, selectProblemSummary } from "@/lib/workspace/editor-store";
import type { SaveStatus } from "@/lib/persistence/autosave";
import { commandStore } from "./command-store";
import { useWorkspace } from "./WorkspaceContext";

/** One line at the bottom: save state, runtime, problems, cursor. Every item says what to do when something is wrong. */
export function StatusBar() {
  const { autosave, readOnly, readOnlyReason } = useWorkspace();
  const save = useSyncExternalStore(
    (l) => autosave?.subscribe(l) ?? (() => {}),
    () => autosave?.status ?? null,
    () => autosave?.status ?? null,
  );
  const summary = useStore(editorStore, selectProblemSummary);
  const active = useStore(editorStore, (s) => s.active);
  const cursor = useStore(editorStore, (s) => (s.active ? s.views[s.active] : undefined));
  return (
    <footer
      className="flex h-6 shrink-0 items-center gap-4 border-t border-border bg-surface-2 px-3 text-[11px] text-muted"
      data-testid="status-bar"
    >
      {readOnly ? (
        <span className="flex items-center gap-1 text-warn">
          <Lock size={12} aria-hidden /> {readOnlyReason ? "Read-only" : "Read-only: open in another tab"}
        </span>
      ) : save ? (
        <SaveIndicator status={save} />
      ) : null}
      <RuntimeStatus />
      <button
        type="button"
        data-testid="status-problems"
        className="flex items-center gap-2 hover:text-fg"
        title="Show problems"
        onClick={() => commandStore.getState().showBottom("problems")}
      >
        <span className="flex items-center gap-0.5">
          <CircleX size={12} aria-hidden className={summary.errors ? "text-danger" : ""} />
          <span data-testid="status-errors">{summary.errors}</span>
          <span className="sr-only">errors</span>
        </span>
        <span className="flex items-center gap-0.5">
          <AlertTriangle size={12} aria-hidden className={summary.warnings ? "text-warn" : ""} />
          <span data-testid="status-warnings">{summary.warnings}</span>
          <span className="sr-only">warnings</span>
        </span>
      </button>
      <span className="ml-auto flex items-center gap-3">
        {active && cursor && (
          <span data-testid="status-cursor">
            Ln {cursor.line}, Col {cursor.column}
          </span>
        )}
        <button type="button" className="hover:text-fg" onClick={() => commandStore.getState().open("shortcuts")}>
          Shortcuts
        </button>
      </span>
    </footer>
  );
}

function SaveIndicator({ status }: { status: SaveStatus }) {
  if (status.state === "error" || status.state === "stopped")
    return (
      <span role="alert" className="flex min-w-0 items-center gap-1 text-danger" title={status.message} data-testid="save-status" data-state={status.state}>
        <AlertTriangle size={12} aria-hidden />
        <span className="truncate">{status.message}</span>
      </span>
    );
  const saving = status.state === "saving" || status.state === "pending";
  return (
    <span className="flex items-center gap-1" data-testid="save-status" data-state={status.state}>
      {saving ? <Loader2 size={12} className="animate-spin" aria-hidden /> : <CheckCircle2 size={12} aria-hidden className="text-ok" />}
      {saving ? "Saving…" : "Saved in this browser"}
    </span>
  );
}
