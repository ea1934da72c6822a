"use client";
import { Download } from "lucide-react";
import { useState } from "react";
import { useWorkspace } from "@/components/workspace/WorkspaceContext";
import { projectToZip, zipFileName } from "@/lib/zip";
import { downloadBytes } from "./download";

/** "Export .zip" for the workspace header: the project's saved files, in a folder named after the project. */
export function ExportZipButton() {
  const { project, meta } = useWorkspace();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        data-testid="export-zip"
        title="Download the project's saved files as a .zip"
        onClick={() => {
          const zip = projectToZip(project, meta.name);
          if (!zip.ok) return setError(zip.error.message);
          setError(null);
          downloadBytes(zip.value, zipFileName(meta.name));
        }}
        className="inline-flex items-center gap-1.5 rounded px-2 py-1 text-sm text-muted hover:bg-surface-3 hover:text-fg"
      >
        <Download size={14} aria-hidden />
        Export .zip
      </button>
      {error ? (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      ) : null}
    </span>
  );
}
