"use client";
// Shown above the editor when the file changed (or was deleted) outside the editor while it had unsaved edits.
// Nothing is overwritten until the person chooses.
import { AlertTriangle } from "lucide-react";
import { useState } from "react";
import type { Conflict } from "@/lib/workspace/editor-store";
import { editorStore } from "@/lib/workspace/editor-store";

const WHO: Record<string, string> = { agent: "the assistant", runtime: "the runtime", user: "another action", system: "Tandem" };

export function ConflictBar({
  path,
  conflict,
  comparing,
  onToggleCompare,
}: {
  path: string;
  conflict: Conflict;
  comparing: boolean;
  onToggleCompare: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const who = WHO[conflict.origin] ?? "someone else";
  const text =
    conflict.kind === "deleted"
      ? `This file was deleted by ${who} while you had unsaved changes.`
      : `This file was changed by ${who} while you had unsaved changes.`;
  const resolve = (choice: "mine" | "theirs") => {
    const result = editorStore.getState().resolveConflict(path, choice);
    setError(result.ok ? null : result.error.message);
  };
  return (
    <div
      role="alert"
      data-testid="editor-conflict"
      data-kind={conflict.kind}
      className="flex shrink-0 items-center gap-2 border-b border-warn/40 bg-warn/10 px-3 py-1.5 text-xs text-fg"
    >
      <AlertTriangle size={14} className="shrink-0 text-warn" aria-hidden />
      <span className="min-w-0 flex-1">{error ?? text}</span>
      {conflict.kind === "changed" && (
        <button type="button" data-testid="conflict-compare" onClick={onToggleCompare} className="rounded border border-border px-2 py-0.5 hover:bg-surface-3 shrink-0 whitespace-nowrap">
          {comparing ? "Hide comparison" : "Compare theirs / mine"}
        </button>
      )}
      <button type="button" data-testid="conflict-keep-mine" onClick={() => resolve("mine")} className="rounded bg-accent px-2 py-0.5 text-accent-fg shrink-0 whitespace-nowrap">
        {conflict.kind === "deleted" ? "Keep my version (recreate)" : "Keep mine (overwrite)"}
      </button>
      <button type="button" data-testid="conflict-take-theirs" onClick={() => resolve("theirs")} className="rounded border border-border px-2 py-0.5 hover:bg-surface-3 shrink-0 whitespace-nowrap">
        {conflict.kind === "deleted" ? "Discard my changes" : "Take theirs (reload)"}
      </button>
    </div>
  );
}
