"use client";
import { useEffect, useState } from "react";
import { loadUiState, saveUiState } from "@/lib/persistence/projects";
import { editorPersistence, editorStore } from "@/lib/workspace/editor-store";
import { entryFile } from "@/lib/workspace/entry-file";
import type { Project } from "@/lib/project";

const KEY = "editor";
const SAVE_DELAY_MS = 300;

/**
 * Restores open tabs, cursors and unsaved drafts for a project, binds the editor store to it, and saves that state
 * again shortly after each change. Resolves `ready` once restored, so the editor opens where the person left off.
 */
export function useEditorStatePersistence(projectId: string, project: Project, readOnly: boolean, templateId?: string): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let detach: (() => void) | null = null;
    let unsubscribe: (() => void) | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let pending: unknown = null;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (pending !== null) void saveUiState(projectId, KEY, pending).catch(() => undefined);
      pending = null;
    };
    void (async () => {
      const saved = await loadUiState(projectId, KEY).catch(() => undefined);
      if (cancelled) return;
      editorStore.getState().reset();
      if (saved !== undefined) editorStore.getState().hydrate(saved);
      detach = editorStore.getState().attach(project);
      // The first time: the project's entry file, never "No file is open".
      if (saved === undefined) {
        const entry = entryFile(project, templateId);
        if (entry) editorStore.getState().openFile(entry);
      }
      if (!readOnly)
        unsubscribe = editorPersistence.subscribe((state) => {
          pending = state;
          if (timer) clearTimeout(timer);
          timer = setTimeout(flush, SAVE_DELAY_MS);
        });
      setReady(true);
    })();
    const onHide = () => document.visibilityState === "hidden" && flush();
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", flush);
    return () => {
      cancelled = true;
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("pagehide", flush);
      flush();
      unsubscribe?.();
      detach?.();
    };
  }, [projectId, project, readOnly, templateId]);
  return ready;
}
