"use client";
// The tree's view state (expanded folders, focus, inline editing, cut, notices) and the actions that change the
// project. Every change goes through Project via lib/file-tree/actions with origin "user".
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";
import { createEntry, deleteEntry, moveEntry, renameEntry, restoreDeleted } from "@/lib/file-tree/actions";
import {
  buildTreeIndex,
  foldersContaining,
  renameExpanded,
  revealPath,
  targetFolder,
  visibleRows,
  type TreeIndex,
  type TreeRow,
} from "@/lib/file-tree/tree-model";
import type { Project } from "@/lib/project";
import { basename, dirname, isWithin, joinPath } from "@/lib/project/paths";
import { editorStore, openFile } from "@/lib/workspace/editor-store";
import { useExpandedPersistence } from "./useExpandedPersistence";

export type Editing = { mode: "rename"; path: string } | { mode: "create"; folder: string; kind: "file" | "folder" } | null;

export type ViewRow = { kind: "entry"; row: TreeRow } | { kind: "new"; depth: number; folder: string; entry: "file" | "folder" };

export interface Notice {
  text: string;
  tone: "error" | "info";
  /** A button in the notice (and Ctrl/Cmd+Z in the tree): "Undo" after a delete. */
  action?: { label: string; run: () => void };
}

export function useFileTree(projectId: string, project: Project, version: number, readOnly: boolean, readOnlyReason?: string) {
  const index: TreeIndex = useMemo(
    () => buildTreeIndex(project.listFiles().map((f) => f.path), project.listDirs()),
    // The project mutates in place; `version` (its change-log position) is what tells us it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [project, version],
  );
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [active, setActive] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [cut, setCut] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Folders opened before the saved state arrived (e.g. to reveal the active file) stay open.
  useExpandedPersistence(projectId, expanded, (saved) => setExpanded((now) => new Set([...saved, ...now])));

  const drafts = useStore(editorStore, (s) => s.drafts);
  const editorActive = useStore(editorStore, (s) => s.active);
  const dirtyFolders = useMemo(() => foldersContaining(Object.keys(drafts)), [drafts]);

  const rows: ViewRow[] = useMemo(() => {
    const entries: ViewRow[] = visibleRows(index, expanded).map((row) => ({ kind: "entry", row }));
    if (editing?.mode !== "create") return entries;
    // The name box goes first inside its folder (or at the top for the root).
    const at = editing.folder === "" ? 0 : entries.findIndex((r) => r.kind === "entry" && r.row.path === editing.folder) + 1;
    const depth = editing.folder === "" ? 1 : editing.folder.split("/").length + 1;
    entries.splice(at, 0, { kind: "new", depth, folder: editing.folder, entry: editing.kind });
    return entries;
  }, [index, expanded, editing]);

  const say = useCallback((text: string, tone: Notice["tone"] = "error", action?: Notice["action"]) => {
    setNotice(action ? { text, tone, action } : { text, tone });
    if (noticeTimer.current) clearTimeout(noticeTimer.current);
    // Long enough to read and reach the Undo button (Home's undo window is 8 s too).
    noticeTimer.current = setTimeout(() => setNotice(null), action ? 8000 : 6000);
  }, []);
  useEffect(() => () => void (noticeTimer.current && clearTimeout(noticeTimer.current)), []);

  // Follow the editor: the file in the active tab is revealed and highlighted.
  useEffect(() => {
    if (!editorActive) return;
    setExpanded((prev) => revealPath(prev, editorActive));
    setActive(editorActive);
  }, [editorActive]);

  // Forget state about paths that no longer exist (deleted by the agent, another tab, an undo…).
  useEffect(() => {
    if (active !== null && !index.children.has(active) && !project.hasFile(active)) setActive(null);
    if (cut !== null && !index.children.has(cut) && !project.hasFile(cut)) setCut(null);
  }, [index, active, cut, project]);

  const toggle = useCallback((path: string, open?: boolean) => {
    setExpanded((prev) => {
      const isOpen = prev.has(path);
      const want = open ?? !isOpen;
      if (want === isOpen) return prev;
      const next = new Set(prev);
      if (want) next.add(path);
      else next.delete(path);
      return next;
    });
  }, []);

  const guard = useCallback((): boolean => {
    if (readOnly) say(readOnlyReason ?? "This project is open for editing in another tab; this tab is read-only.");
    return !readOnly;
  }, [readOnly, readOnlyReason, say]);

  const startCreate = useCallback(
    (kind: "file" | "folder", near: string | null) => {
      if (!guard()) return;
      const folder = targetFolder(index, near);
      if (folder !== "") toggle(folder, true);
      setEditing({ mode: "create", folder, kind });
    },
    [guard, index, toggle],
  );

  const startRename = useCallback(
    (path: string | null) => {
      if (path === null || !guard()) return;
      setEditing({ mode: "rename", path });
    },
    [guard],
  );

  /** Returns an inline error, or null once the change is made. */
  const commitCreate = useCallback(
    (name: string): string | null => {
      if (editing?.mode !== "create") return null;
      const result = createEntry(project, editing.folder, name, editing.kind);
      if (!result.ok) return result.error.message;
      const path = joinPath(editing.folder, name.trim());
      setEditing(null);
      setActive(path);
      if (editing.kind === "file") openFile(path);
      return null;
    },
    [editing, project],
  );

  const commitRename = useCallback(
    (path: string, name: string): string | null => {
      const result = renameEntry(project, path, name);
      if (!result.ok) return result.error.message;
      const to = joinPath(dirname(path), name.trim());
      setExpanded((prev) => renameExpanded(prev, path, to));
      setEditing(null);
      setActive(to);
      return null;
    },
    [project],
  );

  const move = useCallback(
    (from: string, folder: string): boolean => {
      if (!guard()) return false;
      const result = moveEntry(project, from, folder);
      if (!result.ok) {
        say(result.error.message);
        return false;
      }
      const to = joinPath(folder, basename(from));
      setExpanded((prev) => revealPath(renameExpanded(prev, from, to), to));
      setActive(to);
      say(`Moved “${basename(from)}” to ${folder === "" ? "the project root" : `“${folder}”`}.`, "info");
      return true;
    },
    [guard, project, say],
  );

  const paste = useCallback(
    (near: string | null) => {
      if (cut === null) return;
      const folder = targetFolder(index, near);
      if (move(cut, folder)) setCut(null);
    },
    [cut, index, move],
  );

  const remove = useCallback(
    (path: string) => {
      if (!guard()) return;
      const before = project.snapshot();
      const result = deleteEntry(project, path);
      if (!result.ok) return say(result.error.message);
      setExpanded((prev) => renameExpanded(prev, path, null));
      if (cut !== null && isWithin(cut, path)) setCut(null);
      const undo = () => {
        if (!guard()) return;
        const restored = restoreDeleted(project, before, path);
        if (!restored.ok) return say(restored.error.message);
        setExpanded((prev) => revealPath(prev, path));
        setActive(path);
        say(`Restored “${basename(path)}”.`, "info");
      };
      say(`Deleted “${basename(path)}”.`, "info", { label: "Undo", run: undo });
    },
    [cut, guard, project, say],
  );

  const collapseAll = useCallback(() => setExpanded(new Set()), []);

  return {
    index,
    rows,
    expanded,
    active,
    setActive,
    editing,
    setEditing,
    cut,
    setCut,
    notice,
    setNotice,
    say,
    drafts,
    editorActive,
    dirtyFolders,
    toggle,
    startCreate,
    startRename,
    commitCreate,
    commitRename,
    move,
    paste,
    remove,
    collapseAll,
    guard,
  };
}

export type FileTreeController = ReturnType<typeof useFileTree>;
