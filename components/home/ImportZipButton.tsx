"use client";
import { FileArchive, LoaderCircle, X } from "lucide-react";
import Link from "next/link";
import { useRef } from "react";
import type { ImportState } from "./useZipImport";

interface ImportZipButtonProps {
  state: ImportState;
  onFile: (file: File) => void;
  onDismiss: () => void;
}

const PHASE_LABEL = { reading: "Reading", unpacking: "Unpacking", saving: "Saving" } as const;

/** "Import .zip": a file picker, then progress, then a clear result (or a clear refusal). */
export function ImportZipButton({ state, onFile, onDismiss }: ImportZipButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  const busy = state.phase === "reading" || state.phase === "unpacking" || state.phase === "saving";
  return (
    <div className="flex flex-col gap-2">
      <div>
        <button
          type="button"
          disabled={busy}
          data-testid="import-zip"
          onClick={() => input.current?.click()}
          className="inline-flex items-center gap-2 rounded border border-border bg-surface-2 px-3 py-1.5 text-sm hover:border-accent hover:bg-surface-3 disabled:opacity-50"
        >
          <FileArchive size={15} aria-hidden />
          Import .zip
        </button>
        <input
          ref={input}
          type="file"
          accept=".zip,application/zip,application/x-zip-compressed"
          className="sr-only"
          tabIndex={-1}
          aria-label="Choose a .zip file to import"
          data-testid="import-zip-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = ""; // choosing the same file again still imports it
            if (file) onFile(file);
          }}
        />
      </div>
      {busy ? (
        <div role="status" data-testid="import-progress" className="flex items-center gap-2 text-sm text-muted">
          <LoaderCircle size={15} className="animate-spin" aria-hidden />
          <span>
            {PHASE_LABEL[state.phase]} “{state.fileName}”… {Math.round(state.fraction * 100)}%
          </span>
          <progress max={1} value={state.fraction} className="h-1.5 w-40 accent-accent" aria-label="Import progress" />
        </div>
      ) : null}
      {state.phase === "failed" ? (
        <p role="alert" data-testid="import-error" className="flex items-start gap-2 rounded border border-danger/50 px-3 py-2 text-sm text-danger">
          <span className="flex-1 break-words">{state.message}</span>
          <DismissButton onClick={onDismiss} />
        </p>
      ) : null}
      {state.phase === "done" ? (
        <p role="status" data-testid="import-done" className="flex items-start gap-2 rounded border border-ok/50 px-3 py-2 text-sm">
          <span className="flex-1 break-words">
            {state.message}{" "}
            <Link href={`/p/${state.meta.id}`} className="font-medium text-accent underline">
              Open it
            </Link>
          </span>
          <DismissButton onClick={onDismiss} />
        </p>
      ) : null}
    </div>
  );
}

function DismissButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" aria-label="Dismiss" onClick={onClick} className="rounded p-0.5 text-muted hover:bg-surface-3">
      <X size={14} />
    </button>
  );
}
