"use client";
import { createContext, useContext, useSyncExternalStore } from "react";
import type { Project } from "@/lib/project";
import type { ProjectAutosave } from "@/lib/persistence/autosave";
import type { ProjectMeta } from "@/lib/persistence/projects";

export interface WorkspaceValue {
  projectId: string;
  meta: ProjectMeta;
  project: Project;
  autosave: ProjectAutosave;
  /** True when another tab edits this project: views must not change files here. */
  readOnly: boolean;
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
