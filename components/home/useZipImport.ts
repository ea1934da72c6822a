"use client";
// Import a .zip as a new local project: read (with progress), check and unpack (with progress), save.
import { useCallback, useState } from "react";
import { describeStorageError } from "@/lib/persistence/db";
import { createProject, type ProjectMeta } from "@/lib/persistence/projects";
import { DEFAULT_ZIP_LIMITS, formatBytes, importZipAsync, projectNameFromFile } from "@/lib/zip";
import { readFileWithProgress } from "./download";

export type ImportState =
  | { phase: "idle" }
  | { phase: "reading" | "unpacking" | "saving"; fileName: string; fraction: number }
  | { phase: "done"; meta: ProjectMeta; message: string }
  | { phase: "failed"; fileName: string; message: string };

/** Compressed zips can't be much bigger than what they unpack to; anything larger is refused before reading. */
const MAX_ZIP_FILE_BYTES = DEFAULT_ZIP_LIMITS.maxTotalBytes + 32 * 1024 * 1024;

export function useZipImport(onImported: (meta: ProjectMeta) => void) {
  const [state, setState] = useState<ImportState>({ phase: "idle" });

  const run = useCallback(
    async (file: File) => {
      const fileName = file.name;
      const fail = (message: string) => setState({ phase: "failed", fileName, message });
      if (file.size === 0) return fail(`“${fileName}” is empty (0 bytes), so it is not a .zip.`);
      if (file.size > MAX_ZIP_FILE_BYTES)
        return fail(`“${fileName}” is ${formatBytes(file.size)}; Tandem imports zips that unpack to at most ${formatBytes(DEFAULT_ZIP_LIMITS.maxTotalBytes)}.`);
      try {
        setState({ phase: "reading", fileName, fraction: 0 });
        const bytes = await readFileWithProgress(file, (fraction) => setState({ phase: "reading", fileName, fraction }));
        setState({ phase: "unpacking", fileName, fraction: 0 });
        const unpacked = await importZipAsync(bytes, {
          onProgress: (done, total) => setState({ phase: "unpacking", fileName, fraction: total === 0 ? 1 : done / total }),
        });
        if (!unpacked.ok) return fail(`Could not import “${fileName}”: ${unpacked.error.message}`);
        const { files, dirs, skipped } = unpacked.value;
        setState({ phase: "saving", fileName, fraction: 0 });
        const created = await createProject({ name: projectNameFromFile(fileName), files, dirs });
        if (!created.ok) return fail(`Could not import “${fileName}”: ${created.error.message}`);
        const note = skipped.length > 0 ? ` (left out ${skipped.length} macOS metadata ${skipped.length === 1 ? "entry" : "entries"})` : "";
        setState({
          phase: "done",
          meta: created.value,
          message: `Imported “${created.value.name}”: ${files.length} ${files.length === 1 ? "file" : "files"}, ${formatBytes(created.value.size)}${note}.`,
        });
        onImported(created.value);
      } catch (error) {
        fail(`Could not import “${fileName}”: ${describeStorageError(error)}`);
      }
    },
    [onImported],
  );

  const dismiss = useCallback(() => setState({ phase: "idle" }), []);
  return { state, run, dismiss };
}
