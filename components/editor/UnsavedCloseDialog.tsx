"use client";
// Closing a tab with unsaved edits asks first: save, discard, or keep it open.
import { useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { basename } from "@/lib/project/paths";
import { editorStore } from "@/lib/workspace/editor-store";

export function UnsavedCloseDialog({ path, onDone }: { path: string; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    const result = editorStore.getState().save(path);
    if (!result.ok) {
      setError(`${result.error.message} Resolve it in the editor first.`);
      return;
    }
    editorStore.getState().closeFile(path);
    onDone();
  };
  return (
    <Dialog open onClose={onDone} label="Unsaved changes" testId="unsaved-close-dialog">
      <div className="w-96 p-4 text-sm">
        <p className="mb-1 font-medium">Save changes to {basename(path)}?</p>
        <p className="mb-4 text-xs text-muted">{error ?? "Your changes will be lost if you don't save them."}</p>
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onDone} className="rounded border border-border px-3 py-1 hover:bg-surface-3">
            Cancel
          </button>
          <button
            type="button"
            data-testid="unsaved-discard"
            onClick={() => {
              editorStore.getState().closeFile(path);
              onDone();
            }}
            className="rounded border border-border px-3 py-1 hover:bg-surface-3"
          >
            Don&apos;t save
          </button>
          <button type="button" data-testid="unsaved-save" onClick={save} className="rounded bg-accent px-3 py-1 text-accent-fg">
            Save
          </button>
        </div>
      </div>
    </Dialog>
  );
}
