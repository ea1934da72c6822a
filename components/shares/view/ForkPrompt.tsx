"use client";
import { GitFork, Loader2 } from "lucide-react";
import { Dialog } from "@/components/ui/Dialog";
import type { ReadOnlyEdit } from "@/lib/workspace/editor-types";

/** The first keystroke in a shared project: fork it (keeping what was typed) or go on reading. */
export function ForkPrompt({ edit, busy, error, onFork, onCancel }: { edit: ReadOnlyEdit | null; busy: boolean; error: string | null; onFork: () => void; onCancel: () => void }) {
  const shown = edit?.text === "\n" ? "Enter" : edit?.text === "\t" ? "Tab" : edit?.text;
  return (
    <Dialog open={edit !== null} onClose={onCancel} label="Fork to edit" testId="fork-prompt" className="w-[min(420px,92vw)]">
      <div className="space-y-3 p-4 text-sm">
        <h2 className="font-semibold">Fork to edit?</h2>
        <p className="text-xs text-muted">
          This is a shared project, open read-only. Fork it to get your own copy in this browser — what you typed
          {shown ? (
            <>
              {" "}(<kbd className="rounded bg-surface-3 px-1 font-mono" data-testid="fork-prompt-key">{shown}</kbd>)
            </>
          ) : null}{" "}
          is kept, and you go on typing there.
        </p>
        {error && <p role="alert" className="text-xs text-danger">{error}</p>}
        <div className="flex justify-end gap-2">
          <button type="button" className="rounded border border-border px-2.5 py-1 text-xs hover:bg-surface-3" onClick={onCancel}>
            Keep reading
          </button>
          <button type="button" autoFocus disabled={busy} onClick={onFork} data-testid="fork-prompt-fork" className="inline-flex items-center gap-1 rounded bg-accent px-3 py-1 text-xs font-medium text-accent-fg">
            {busy ? <Loader2 size={12} className="animate-spin" aria-hidden /> : <GitFork size={12} aria-hidden />} Fork and keep typing
          </button>
        </div>
      </div>
    </Dialog>
  );
}
