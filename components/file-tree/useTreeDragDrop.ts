"use client";
// Drag and drop inside the tree: a row is a drop target for its folder (a file row stands for the folder it is in);
// the empty area below the rows is the project root. A closed folder held under the pointer opens.
import { useEffect, useRef, useState, type DragEvent } from "react";
import { moveDestination } from "@/lib/file-tree/tree-model";
import { dirname, isWithin } from "@/lib/project/paths";
import type { FileTreeController } from "./useFileTree";

const DRAG_TYPE = "application/x-tandem-path";
const OPEN_DELAY_MS = 700;

export function useTreeDragDrop(tree: FileTreeController, readOnly: boolean) {
  const dragging = useRef<string | null>(null);
  const hoverOpen = useRef<{ path: string; timer: ReturnType<typeof setTimeout> } | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  useEffect(() => () => void (hoverOpen.current && clearTimeout(hoverOpen.current.timer)), []);

  const folderFor = (path: string | null): string => {
    if (path === null) return "";
    return tree.index.children.has(path) ? path : dirname(path);
  };
  const canDrop = (from: string | null, folder: string) => {
    if (from === null || readOnly) return false;
    if (tree.index.children.has(from) && isWithin(folder, from)) return false; // a folder into itself
    return moveDestination(from, folder) !== null;
  };
  const openOnHover = (path: string | null) => {
    if (hoverOpen.current?.path === path) return;
    if (hoverOpen.current) clearTimeout(hoverOpen.current.timer);
    hoverOpen.current = null;
    if (path !== null && tree.index.children.has(path) && !tree.expanded.has(path))
      hoverOpen.current = { path, timer: setTimeout(() => tree.toggle(path, true), OPEN_DELAY_MS) };
  };
  const end = () => {
    openOnHover(null);
    dragging.current = null;
    setDropTarget(null);
  };

  return {
    dropTarget,
    start(event: DragEvent, path: string) {
      dragging.current = path;
      event.dataTransfer.setData(DRAG_TYPE, path);
      event.dataTransfer.setData("text/plain", path);
      event.dataTransfer.effectAllowed = "move";
    },
    /** `path` is the row under the pointer, or null for the empty area (the root). */
    over(event: DragEvent, path: string | null) {
      // Rows handle their own event: letting it bubble would make the root the target behind a refused row.
      event.stopPropagation();
      if (dragging.current === null) return;
      openOnHover(path);
      const folder = folderFor(path);
      if (!canDrop(dragging.current, folder)) {
        if (dropTarget !== null) setDropTarget(null);
        return;
      }
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      if (dropTarget !== folder) setDropTarget(folder);
    },
    drop(event: DragEvent, path: string | null) {
      event.preventDefault();
      event.stopPropagation();
      const from = dragging.current ?? event.dataTransfer.getData(DRAG_TYPE);
      const folder = folderFor(path);
      end();
      if (from && canDrop(from, folder)) tree.move(from, folder);
    },
    leave(event: DragEvent) {
      if (event.currentTarget === event.target) setDropTarget(null);
    },
    end,
  };
}
