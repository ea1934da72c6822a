"use client";
import { useEffect, useState } from "react";
import { ProjectAutosave } from "@/lib/persistence/autosave";
import { takeProjectRead } from "@/lib/persistence/prefetch";
import { touchProject } from "@/lib/persistence/projects";
import { ProjectTabLock, type TabRole } from "@/lib/persistence/tab-lock";
import type { WorkspaceValue } from "./WorkspaceContext";

export type OpenState =
  | { status: "loading" }
  | { status: "missing"; message: string }
  | { status: "failed"; message: string }
  | { status: "ready"; workspace: WorkspaceValue; role: TabRole; takeOver: () => Promise<void> };

/**
 * Loads a project from this browser's storage, saves its changes as they happen, and makes sure only one tab edits
 * it at a time. A tab that takes the project over reloads it from storage so it starts from the other tab's work.
 */
export function useOpenProject(projectId: string): OpenState {
  const [state, setState] = useState<OpenState>({ status: "loading" });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let autosave: ProjectAutosave | null = null;
    let lock: ProjectTabLock | null = null;
    const onHide = () => {
      if (document.visibilityState === "hidden") void autosave?.flush();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!autosave?.hasPendingChanges) return;
      void autosave.flush();
      event.preventDefault();
    };

    (async () => {
      const loaded = await takeProjectRead(projectId).catch((error: unknown) => ({
        ok: false as const,
        error: { code: "invalid-input" as const, message: `Could not open browser storage: ${String(error)}` },
      }));
      if (cancelled) return;
      if (!loaded.ok) {
        setState({ status: loaded.error.code === "not-found" ? "missing" : "failed", message: loaded.error.message });
        return;
      }
      const { meta, project } = loaded.value;
      autosave = new ProjectAutosave(projectId, project);
      const saver = autosave;
      let workspace: WorkspaceValue = { projectId, meta, project, autosave: saver, readOnly: true };
      const takeOver = async () => {
        await lock?.takeOver();
        setGeneration((g) => g + 1); // reload from storage as the new owner
      };
      lock = new ProjectTabLock(projectId, {
        beforeRelease: () => saver.flush(),
        onRoleChange: (role) => {
          if (cancelled) return;
          if (role === "observer") saver.stop("This project is being edited in another tab. This tab is read-only.");
          workspace = { ...workspace, readOnly: role !== "owner" };
          setState({ status: "ready", workspace, role, takeOver });
        },
      });
      await lock.start();
      void touchProject(projectId).catch(() => undefined);
      document.addEventListener("visibilitychange", onHide);
      window.addEventListener("beforeunload", onBeforeUnload);
    })();

    return () => {
      cancelled = true;
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("beforeunload", onBeforeUnload);
      const saver = autosave;
      void saver?.flush().finally(() => saver.dispose());
      lock?.dispose();
    };
  }, [projectId, generation]);

  return state;
}
