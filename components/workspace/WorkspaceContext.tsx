"use client";
import { createContext, useContext, useSyncExternalStore } from "react";
import type { Project } from "@/lib/project";
import type { ProjectAutosave } from "@/lib/persistence/autosave";
import type { ProjectMeta } from "@/lib/persistence/projects";
import type { ReadOnlyEdit } from "@/lib/workspace/editor-types";

export interface WorkspaceValue {
  projectId: string;
  meta: ProjectMeta;
  project: Project;
  /** Null when nothing is saved here: a shared project, open read-only in memory. */
  autosave: ProjectAutosave | null;
  /** True when views must not change files here: another tab edits this project, or it is someone's share. */
  readOnly: boolean;
  /** Why, in a sentence (the editor and the file tree say it when an edit is refused). */
  readOnlyReason?: string;
  /** A keystroke typed while read-only (a share offers to fork, keeping it). */
  onReadOnlyEdit?: (edit: ReadOnlyEdit) => void;
}

const WorkspaceContext = createContext<WorkspaceValue | null>(null);

export const WorkspaceProvider = WorkspaceContext.Provider;

export function useWorkspace(): WorkspaceValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useWorkspace() must be used inside a workspace (/p/[id]).");
  return value;
}

/** Re-renders the caller on every project change; returns the change-log position. */
export function useProjectVersion(): number {
  const { project } = useWorkspace();
  return useSyncExternalStore(
    (listener) => project.subscribe(listener),
    () => project.seq,
    () => project.seq,
  );
}
