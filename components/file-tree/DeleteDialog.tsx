"use client";
import { useRef } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { countFilesUnder } from "@/lib/file-tree/actions";
import type { Project } from "@/lib/project";
import { basename } from "@/lib/project/paths";

interface DeleteDialogProps {
  path: string | null;
  project: Project;
  onCancel: () => void;
  onConfirm: (path: string) => void;
}

/** Asks before deleting; says how many files a folder delete removes. */
export function DeleteDialog({ path, project, onCancel, onConfirm }: DeleteDialogProps) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  // Enter confirms: the Delete button has focus when the dialog opens (showModal() would pick Cancel, the first).
  const isFolder = path !== null && !project.hasFile(path);
  const count = path === null ? 0 : countFilesUnder(project, path);
  return (
    <Dialog open={path !== null} onClose={onCancel} label="Confirm delete" testId="file-tree-delete-dialog" className="w-[min(26rem,92vw)]" initialFocus={confirmRef}>
      {path !== null ? (
        <form
          method="dialog"
          className="flex flex-col gap-3 p-4 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            onConfirm(path);
          }}
        >
          <h2 className="font-semibold">
            Delete {isFolder ? "folder" : "file"} “<span className="break-all">{basename(path)}</span>”?
          </h2>
          <p className="text-muted">
            {isFolder
              ? count === 0
                ? "The folder is empty."
                : `This deletes ${count} ${count === 1 ? "file" : "files"} inside it.`
              : <span className="break-all">{path}</span>}
          </p>
          <div className="flex justify-end gap-2">
            <button type="button" onClick={onCancel} className="rounded border border-border px-3 py-1 hover:bg-surface-3">
              Cancel
            </button>
            <button ref={confirmRef} type="submit" data-testid="file-tree-delete-confirm" className="rounded bg-danger px-3 py-1 font-medium text-white hover:opacity-90">
              Delete
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
