"use client";
import "@/components/ui/zod-jitless";
import { Undo2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { OwnedShares } from "@/components/shares/OwnedShares";
import { ThemeToggle } from "@/components/theme/ThemeToggle";
import { Dialog } from "@/components/ui/Dialog";
import { describeStorageError } from "@/lib/persistence/db";
import {
  createProject,
  listProjects,
  loadProject,
  purgeTrash,
  renameProject,
  restoreProject,
  trashProject,
  UNDO_WINDOW_MS,
  type ProjectMeta,
} from "@/lib/persistence/projects";
import type { Template } from "@/lib/templates";
import { projectToZip, zipFileName } from "@/lib/zip";
import { downloadBytes } from "./download";
import { ImportZipButton } from "./ImportZipButton";
import { ProjectList } from "./ProjectList";
import { TemplatePicker } from "./TemplatePicker";
import { useZipImport } from "./useZipImport";

/** Home (`/`): this browser's projects; create from a template, import a .zip, open, rename, export, delete with undo. */
export function HomeView() {
  const router = useRouter();
  const [projects, setProjects] = useState<ProjectMeta[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ProjectMeta | null>(null);
  const [trashed, setTrashed] = useState<ProjectMeta | null>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const refresh = useCallback(async () => {
    try {
      setProjects(await listProjects());
    } catch (error) {
      setProblem(describeStorageError(error));
      setProjects([]);
    }
  }, []);

  useEffect(() => {
    document.title = "Tandem";
    // Projects deleted in an earlier visit are past their undo window: remove them for good.
    void purgeTrash().catch(() => undefined).then(refresh);
    return () => void (undoTimer.current && clearTimeout(undoTimer.current));
  }, [refresh]);

  const zipImport = useZipImport(useCallback(() => void refresh(), [refresh]));

  const suggestName = (template: Template) => {
    const taken = new Set(projects?.map((p) => p.name));
    if (!taken.has(template.name)) return template.name;
    for (let n = 2; ; n++) if (!taken.has(`${template.name} ${n}`)) return `${template.name} ${n}`;
  };

  const create = async (template: Template, name: string): Promise<string | null> => {
    try {
      const created = await createProject({ name, files: template.files, template: template.id });
      if (!created.ok) return created.error.message;
      router.push(`/p/${created.value.id}`);
      return null;
    } catch (error) {
      return describeStorageError(error);
    }
  };

  const rename = async (id: string, name: string): Promise<string | null> => {
    try {
      const renamed = await renameProject(id, name);
      if (!renamed.ok) return renamed.error.message;
      await refresh();
      return null;
    } catch (error) {
      return describeStorageError(error);
    }
  };

  const exportZip = async (meta: ProjectMeta) => {
    setProblem(null);
    const loaded = await loadProject(meta.id).catch((error: unknown) => ({ ok: false as const, error: { message: describeStorageError(error) } }));
    if (!loaded.ok) return setProblem(loaded.error.message);
    const zip = projectToZip(loaded.value.project, meta.name);
    if (!zip.ok) return setProblem(`Could not export “${meta.name}”: ${zip.error.message}`);
    downloadBytes(zip.value, zipFileName(meta.name));
  };

  const finishTrash = useCallback(() => {
    if (undoTimer.current) clearTimeout(undoTimer.current);
    undoTimer.current = null;
    setTrashed(null);
    void purgeTrash().catch(() => undefined);
  }, []);

  const remove = async (meta: ProjectMeta) => {
    setConfirm(null);
    const result = await trashProject(meta.id).catch((error: unknown) => ({ ok: false as const, error: { message: describeStorageError(error) } }));
    if (!result.ok) return setProblem(result.error.message);
    if (undoTimer.current) clearTimeout(undoTimer.current);
    setTrashed(meta);
    undoTimer.current = setTimeout(finishTrash, UNDO_WINDOW_MS);
    await refresh();
  };

  const undo = async () => {
    if (!trashed) return;
    if (undoTimer.current) clearTimeout(undoTimer.current);
    undoTimer.current = null;
    const result = await restoreProject(trashed.id);
    setTrashed(null);
    if (!result.ok) setProblem(result.error.message);
    await refresh();
  };

  return (
    <div
      className="min-h-dvh bg-surface text-fg"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes("Files")) event.preventDefault();
      }}
      onDrop={(event) => {
        const file = event.dataTransfer.files[0];
        if (!file) return;
        event.preventDefault();
        void zipImport.run(file);
      }}
    >
      <header className="border-b border-border">
        <div className="mx-auto flex max-w-4xl items-center gap-3 px-6 py-4">
          <h1 className="text-lg font-semibold tracking-tight">Tandem</h1>
          <p className="flex-1 text-sm text-muted">A web IDE where you and a fast model work as a pair.</p>
          <ThemeToggle />
        </div>
      </header>
      <main className="mx-auto flex max-w-4xl flex-col gap-8 px-6 py-8">
        <TemplatePicker busy={projects === null} onCreate={create} suggestName={suggestName} />
        <section aria-labelledby="projects-heading" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="projects-heading" className="text-sm font-semibold text-muted">
              Your projects <span className="font-normal">(stored in this browser)</span>
            </h2>
          </div>
          <ImportZipButton state={zipImport.state} onFile={(file) => void zipImport.run(file)} onDismiss={zipImport.dismiss} />
          {problem ? (
            <p role="alert" data-testid="home-error" className="rounded border border-danger/50 px-3 py-2 text-sm text-danger">
              {problem}
            </p>
          ) : null}
          {projects === null ? (
            <p className="text-sm text-muted">Loading projects…</p>
          ) : (
            <ProjectList projects={projects} onRename={rename} onDelete={setConfirm} onExport={(meta) => void exportZip(meta)} />
          )}
          <OwnedShares localProjects={new Set(projects?.map((p) => p.id))} />
        </section>
      </main>
      <Dialog open={confirm !== null} onClose={() => setConfirm(null)} label="Confirm delete" testId="project-delete-dialog" className="w-[min(26rem,92vw)]" initialFocus={confirmRef}>
        {confirm ? (
          <form
            className="flex flex-col gap-3 p-5 text-sm"
            onSubmit={(event) => {
              event.preventDefault();
              void remove(confirm);
            }}
          >
            <h2 className="font-semibold break-words">Delete “{confirm.name}”?</h2>
            <p className="text-muted">
              {confirm.fileCount} {confirm.fileCount === 1 ? "file" : "files"} will be removed from this browser. You can undo for a few seconds.
            </p>
            <div className="flex justify-end gap-2">
              <button type="button" onClick={() => setConfirm(null)} className="rounded border border-border px-3 py-1.5 hover:bg-surface-3">
                Cancel
              </button>
              <button ref={confirmRef} type="submit" data-testid="project-delete-confirm" className="rounded bg-danger px-3 py-1.5 font-medium text-white hover:opacity-90">
                Delete
              </button>
            </div>
          </form>
        ) : null}
      </Dialog>
      {trashed ? (
        <div
          role="status"
          data-testid="undo-toast"
          className="fixed bottom-6 left-1/2 z-40 flex -translate-x-1/2 items-center gap-3 rounded-lg border border-border bg-surface-3 px-4 py-2.5 text-sm shadow-xl"
        >
          <span className="max-w-72 truncate">Deleted “{trashed.name}”.</span>
          <button type="button" data-testid="undo-delete" onClick={() => void undo()} className="inline-flex items-center gap-1 font-medium text-accent hover:underline">
            <Undo2 size={14} aria-hidden /> Undo
          </button>
        </div>
      ) : null}
    </div>
  );
}
