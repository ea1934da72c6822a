"use client";
import { Download, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { ProjectMeta } from "@/lib/persistence/projects";
import { formatBytes } from "@/lib/zip";
import { relativeTime } from "./format";

interface ProjectListProps {
  projects: ProjectMeta[];
  onRename: (id: string, name: string) => Promise<string | null>;
  onDelete: (meta: ProjectMeta) => void;
  onExport: (meta: ProjectMeta) => void;
}

/** Local projects, most recently opened first. Names are text, never HTML. */
export function ProjectList({ projects, onRename, onDelete, onExport }: ProjectListProps) {
  if (projects.length === 0)
    return (
      <p data-testid="no-projects" className="rounded-lg border border-dashed border-border px-4 py-8 text-center text-sm text-muted">
        No projects in this browser yet. Start from a template above, or import a .zip.
      </p>
    );
  return (
    <ul className="divide-y divide-border rounded-lg border border-border" data-testid="project-list">
      {projects.map((meta) => (
        <ProjectRow key={meta.id} meta={meta} onRename={onRename} onDelete={onDelete} onExport={onExport} />
      ))}
    </ul>
  );
}

function ProjectRow({ meta, onRename, onDelete, onExport }: { meta: ProjectMeta } & Omit<ProjectListProps, "projects">) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(meta.name);
  const [error, setError] = useState<string | null>(null);

  const commit = async () => {
    if (name.trim() === meta.name) return setRenaming(false);
    const problem = await onRename(meta.id, name);
    setError(problem);
    if (problem === null) setRenaming(false);
  };

  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3" data-testid="project-row" data-project-id={meta.id}>
      <div className="flex min-w-0 flex-1 flex-col">
        {renaming ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void commit();
            }}
            className="flex flex-col gap-1"
          >
            <input
              autoFocus
              value={name}
              maxLength={120}
              aria-label={`New name for ${meta.name}`}
              data-testid="project-rename-input"
              onChange={(event) => {
                setName(event.target.value);
                setError(null);
              }}
              onKeyDown={(event) => {
                if (event.key === "Escape") {
                  setName(meta.name);
                  setError(null);
                  setRenaming(false);
                }
              }}
              onBlur={() => void commit()}
              className={`rounded border bg-surface px-2 py-1 text-fg outline-none ${error ? "border-danger" : "border-accent"}`}
            />
            {error ? (
              <span role="alert" className="text-xs text-danger">
                {error}
              </span>
            ) : null}
          </form>
        ) : (
          <Link href={`/p/${meta.id}`} className="truncate font-medium hover:text-accent hover:underline" data-testid="project-open">
            {meta.name}
          </Link>
        )}
        <span className="text-xs text-muted">
          Opened {relativeTime(meta.openedAt)} · {formatBytes(meta.size)} · {meta.fileCount} {meta.fileCount === 1 ? "file" : "files"}
        </span>
      </div>
      <div className="flex items-center gap-1">
        <RowButton label={`Rename ${meta.name}`} testId="project-rename" onClick={() => setRenaming(true)}>
          <Pencil size={15} />
        </RowButton>
        <RowButton label={`Export ${meta.name} as .zip`} testId="project-export" onClick={() => onExport(meta)}>
          <Download size={15} />
        </RowButton>
        <RowButton label={`Delete ${meta.name}`} testId="project-delete" danger onClick={() => onDelete(meta)}>
          <Trash2 size={15} />
        </RowButton>
      </div>
    </li>
  );
}

function RowButton(props: { label: string; testId: string; danger?: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      title={props.label}
      aria-label={props.label}
      data-testid={props.testId}
      onClick={props.onClick}
      className={`rounded p-1.5 hover:bg-surface-3 ${props.danger ? "text-muted hover:text-danger" : "text-muted hover:text-fg"}`}
    >
      {props.children}
    </button>
  );
}
