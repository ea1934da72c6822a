"use client";
import { ClipboardPaste, Copy, FilePlus, FolderOpen, FolderPlus, Pencil, Scissors, Trash2 } from "lucide-react";
import { basename } from "@/lib/project/paths";
import type { MenuItem } from "./TreeContextMenu";
import type { FileTreeController } from "./useFileTree";

interface MenuContext {
  readOnly: boolean;
  askDelete: (path: string) => void;
  open: (path: string, isDir: boolean) => void;
}

/** The context menu for a row (or for the empty area below the rows when `path` is null). */
export function menuItemsFor(path: string | null, tree: FileTreeController, ctx: MenuContext): MenuItem[] {
  const isDir = path !== null && tree.index.children.has(path);
  const ro = ctx.readOnly;
  const items: MenuItem[] = [];
  if (path !== null && !isDir) items.push({ id: "open", label: "Open", icon: <FolderOpen size={14} />, shortcut: "Enter", run: () => ctx.open(path, false) });
  items.push(
    { id: "new-file", label: "New file…", icon: <FilePlus size={14} />, shortcut: "Alt+N", disabled: ro, run: () => tree.startCreate("file", path) },
    { id: "new-folder", label: "New folder…", icon: <FolderPlus size={14} />, shortcut: "Alt+Shift+N", disabled: ro, run: () => tree.startCreate("folder", path) },
  );
  if (path !== null)
    items.push(
      { id: "rename", label: "Rename…", icon: <Pencil size={14} />, shortcut: "F2", disabled: ro, run: () => tree.startRename(path) },
      { id: "cut", label: "Cut (to move)", icon: <Scissors size={14} />, shortcut: "Ctrl+X", disabled: ro, run: () => tree.setCut(path) },
    );
  if (tree.cut !== null)
    items.push({
      id: "paste",
      label: `Move “${basename(tree.cut)}” here`,
      icon: <ClipboardPaste size={14} />,
      shortcut: "Ctrl+V",
      disabled: ro,
      run: () => tree.paste(path),
    });
  if (path !== null)
    items.push(
      {
        id: "copy-path",
        label: "Copy path",
        icon: <Copy size={14} />,
        run: () => void navigator.clipboard?.writeText(path).catch(() => tree.say("The browser did not allow copying.")),
      },
      { id: "delete", label: "Delete", icon: <Trash2 size={14} />, shortcut: "Del", danger: true, disabled: ro, run: () => ctx.askDelete(path) },
    );
  return items;
}
