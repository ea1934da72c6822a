"use client";
import { ChevronRight } from "lucide-react";
import type { DragEvent, MouseEvent } from "react";
import type { TreeRow as Row } from "@/lib/file-tree/tree-model";
import { FileIcon } from "@/components/ui/FileIcon";
import { NameInput } from "./NameInput";

export const ROW_HEIGHT = 24;
const INDENT = 12;

interface TreeRowProps {
  id: string;
  row: Row;
  top: number;
  active: boolean;
  selected: boolean;
  dirty: boolean;
  /** A folder that contains unsaved files. */
  dirtyInside: boolean;
  cut: boolean;
  dropTarget: boolean;
  renaming: boolean;
  draggable: boolean;
  onClick: (event: MouseEvent) => void;
  onContextMenu: (event: MouseEvent) => void;
  onDragStart: (event: DragEvent) => void;
  onDragOver: (event: DragEvent) => void;
  onDrop: (event: DragEvent) => void;
  onDragEnd: () => void;
  onRename: (name: string) => string | null;
  onCancelRename: () => void;
}

/** One row of the tree. Names are React text children, so "<script>" is shown as those characters, never parsed. */
export function TreeRow(props: TreeRowProps) {
  const { row, active, selected, dirty, dirtyInside, cut, dropTarget, renaming } = props;
  return (
    <div
      id={props.id}
      role="treeitem"
      aria-level={row.depth}
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-expanded={row.isDir ? row.expanded : undefined}
      aria-selected={selected}
      aria-label={row.name}
      aria-description={dirty ? "unsaved changes" : undefined}
      data-path={row.path}
      data-testid="file-tree-row"
      draggable={props.draggable}
      onClick={props.onClick}
      onContextMenu={props.onContextMenu}
      onDragStart={props.onDragStart}
      onDragOver={props.onDragOver}
      onDrop={props.onDrop}
      onDragEnd={props.onDragEnd}
      style={{ transform: `translateY(${props.top}px)`, height: ROW_HEIGHT, paddingLeft: 6 + (row.depth - 1) * INDENT }}
      className={[
        "absolute left-0 top-0 flex w-full cursor-pointer select-none items-center gap-1 pr-2 text-[13px] whitespace-nowrap",
        selected ? "bg-accent/15" : "hover:bg-surface-3",
        active ? "outline outline-1 -outline-offset-1 outline-accent/70" : "",
        dropTarget ? "bg-accent/25 outline outline-1 -outline-offset-1 outline-accent" : "",
        cut ? "opacity-50" : "",
      ].join(" ")}
    >
      <span className="flex w-3.5 shrink-0 justify-center text-muted" aria-hidden>
        {row.isDir ? <ChevronRight size={13} className={row.expanded ? "rotate-90" : ""} /> : null}
      </span>
      <FileIcon path={row.path} folder={row.isDir} open={row.expanded} />
      {renaming ? (
        <NameInput initial={row.name} label={`Rename ${row.name}`} onCommit={props.onRename} onCancel={props.onCancelRename} />
      ) : (
        <span className={`min-w-0 flex-1 truncate ${dirty ? "italic" : ""}`} title={row.path}>
          {row.name}
        </span>
      )}
      {dirty || dirtyInside ? (
        <span
          data-testid={dirty ? "file-tree-unsaved" : undefined}
          title={dirty ? "Unsaved changes" : "Contains unsaved changes"}
          className={`ml-1 size-2 shrink-0 rounded-full ${dirty ? "bg-fg/70" : "bg-muted/50"}`}
          aria-hidden
        />
      ) : null}
    </div>
  );
}

interface NewRowProps {
  id: string;
  top: number;
  depth: number;
  kind: "file" | "folder";
  onCommit: (name: string) => string | null;
  onCancel: () => void;
}

/** The row with a name box that appears where a new file or folder will go. */
export function NewEntryRow({ id, top, depth, kind, onCommit, onCancel }: NewRowProps) {
  return (
    <div
      id={id}
      role="treeitem"
      aria-level={depth}
      aria-selected
      aria-label={kind === "file" ? "New file" : "New folder"}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT, paddingLeft: 6 + (depth - 1) * INDENT }}
      className="absolute left-0 top-0 flex w-full items-center gap-1 pr-2 text-[13px]"
    >
      <span className="w-3.5 shrink-0" aria-hidden />
      <FileIcon path="" folder={kind === "folder"} />
      <NameInput initial="" label={kind === "file" ? "New file name" : "New folder name"} onCommit={onCommit} onCancel={onCancel} />
    </div>
  );
}
