"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ChevronsDownUp, FilePlus, FolderPlus, Undo2 } from "lucide-react";
import { isMac } from "@/components/workspace/shortcuts";
import { useCallback, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { useProjectVersion, useWorkspace } from "@/components/workspace/WorkspaceContext";
import { dirname, isWithin } from "@/lib/project/paths";
import { openFile } from "@/lib/workspace/editor-store";
import { DeleteDialog } from "./DeleteDialog";
import { menuItemsFor } from "./menu-items";
import { TreeContextMenu } from "./TreeContextMenu";
import { NewEntryRow, ROW_HEIGHT, TreeRow } from "./TreeRow";
import { useFileTree } from "./useFileTree";
import { useTreeDragDrop } from "./useTreeDragDrop";
import { useTreeRenderMark } from "./useTreeRenderMark";

/** The project's files: a virtualized ARIA tree with create/rename/move/delete by mouse, keyboard and drag and drop. */
export function FileTreePanel() {
  const { projectId, project, readOnly, readOnlyReason } = useWorkspace();
  const renderMark = useTreeRenderMark(project.fileCount); // first, so the measure covers all of the tree's work
  const version = useProjectVersion();
  const tree = useFileTree(projectId, project, version, readOnly, readOnlyReason);
  const { rows, active, editing } = tree;
  const baseId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const typeahead = useRef({ text: "", at: 0 });
  const pointerDown = useRef(false);
  const dnd = useTreeDragDrop(tree, readOnly);
  const { dropTarget } = dnd;
  const [menu, setMenu] = useState<{ x: number; y: number; path: string | null } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const activeIndex = rows.findIndex((r) => r.kind === "entry" && r.row.path === active);
  const rowId = (i: number) => `${baseId}-row-${i}`;

  // Keep the focused row (or the name box) rendered and in view.
  useLayoutEffect(() => {
    const editIndex = rows.findIndex((r) => r.kind === "new");
    const target = editIndex !== -1 ? editIndex : activeIndex;
    if (target !== -1) virtualizer.scrollToIndex(target, { align: "auto" });
  }, [activeIndex, rows, virtualizer]);

  // Synchronous, so focus never passes through "nobody" (the editor takes focus when nothing has it).
  const focusTree = useCallback(() => {
    scrollRef.current?.focus({ preventScroll: true });
    // A modal dialog that is still closing keeps the tree inert for this frame: try once more after it.
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) scrollRef.current?.focus({ preventScroll: true });
    });
  }, []);

  const activate = (path: string, isDir: boolean) => {
    tree.setActive(path);
    if (isDir) tree.toggle(path);
    else openFile(path);
  };

  const askDelete = (path: string | null) => {
    if (path !== null && tree.guard()) setConfirmDelete(path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const at = activeIndex;
    const current = at === -1 ? null : rows[at];
    const row = current?.kind === "entry" ? current.row : null;
    const go = (i: number) => {
      const next = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (next?.kind === "entry") tree.setActive(next.row.path);
    };
    const mod = event.ctrlKey || event.metaKey;
    switch (event.key) {
      case "ArrowDown":
        go(at + 1);
        break;
      case "ArrowUp":
        go(at === -1 ? 0 : at - 1);
        break;
      case "Home":
        go(0);
        break;
      case "End":
        go(rows.length - 1);
        break;
      case "PageDown":
        go(at + Math.floor((scrollRef.current?.clientHeight ?? 240) / ROW_HEIGHT));
        break;
      case "PageUp":
        go(at - Math.floor((scrollRef.current?.clientHeight ?? 240) / ROW_HEIGHT));
        break;
      case "ArrowRight":
        if (row?.isDir && !row.expanded) tree.toggle(row.path, true);
        else if (row?.isDir) go(at + 1);
        break;
      case "ArrowLeft":
        if (row?.isDir && row.expanded) tree.toggle(row.path, false);
        else if (row && dirname(row.path) !== "") tree.setActive(dirname(row.path));
        break;
      case "Enter":
        if (row) activate(row.path, row.isDir);
        break;
      case " ":
        if (row) activate(row.path, row.isDir);
        break;
      case "F2":
        tree.startRename(row?.path ?? null);
        break;
      case "Delete":
        askDelete(row?.path ?? null);
        break;
      case "z":
      case "Z":
        // Undo the last delete while its notice is up (the tree's only undoable action).
        if (!mod || event.shiftKey || tree.notice?.action?.label !== "Undo") return;
        tree.notice.action.run();
        break;
      case "Backspace":
        if (!mod) return;
        askDelete(row?.path ?? null);
        break;
      case "ContextMenu":
        openMenuAtRow(row?.path ?? null);
        break;
      case "F10":
        if (!event.shiftKey) return;
        openMenuAtRow(row?.path ?? null);
        break;
      case "Escape":
        if (tree.cut === null) return;
        tree.setCut(null);
        break;
      default:
        if (mod && event.key.toLowerCase() === "x" && row) tree.setCut(row.path);
        else if (mod && event.key.toLowerCase() === "v") tree.paste(row?.path ?? null);
        else if (event.altKey && !mod && event.key.toLowerCase() === "n") tree.startCreate(event.shiftKey ? "folder" : "file", row?.path ?? null);
        else if (!mod && !event.altKey && event.key.length === 1 && event.key !== " ") jumpTo(event.key);
        else return;
    }
    event.preventDefault();
  };

  const jumpTo = (char: string) => {
    const now = Date.now();
    const state = typeahead.current;
    state.text = now - state.at < 1000 ? state.text + char : char;
    state.at = now;
    const start = state.text.length > 1 ? Math.max(0, activeIndex) - 1 : activeIndex;
    const prefix = state.text.toLocaleLowerCase();
    for (let k = 1; k <= rows.length; k++) {
      const r = rows[(start + k + rows.length) % rows.length];
      if (r?.kind === "entry" && r.row.name.toLocaleLowerCase().startsWith(prefix)) return tree.setActive(r.row.path);
    }
  };

  const openMenuAtRow = (path: string | null) => {
    const i = rows.findIndex((r) => r.kind === "entry" && r.row.path === path);
    const box = scrollRef.current?.getBoundingClientRect();
    const item = i === -1 ? null : document.getElementById(rowId(i))?.getBoundingClientRect();
    setMenu({ x: (item?.left ?? box?.left ?? 0) + 24, y: (item?.bottom ?? box?.top ?? 0) + 2, path });
  };

  const items = virtualizer.getVirtualItems();
  const activeDescendant = editing?.mode === "create" ? undefined : activeIndex === -1 ? undefined : rowId(activeIndex);

  return (
    <div className="relative flex h-full min-h-0 flex-col text-fg" data-testid="file-tree-panel">
      <div className="flex h-8 shrink-0 items-center gap-1 border-b border-border px-2">
        <h2 className="flex-1 text-[11px] font-semibold tracking-wider text-muted uppercase">Files</h2>
        <ToolbarButton label="New file (Alt+N)" testId="file-tree-new-file" disabled={readOnly} onClick={() => tree.startCreate("file", active)}>
          <FilePlus size={15} />
        </ToolbarButton>
        <ToolbarButton label="New folder (Alt+Shift+N)" testId="file-tree-new-folder" disabled={readOnly} onClick={() => tree.startCreate("folder", active)}>
          <FolderPlus size={15} />
        </ToolbarButton>
        <ToolbarButton label="Collapse all folders" testId="file-tree-collapse" onClick={tree.collapseAll}>
          <ChevronsDownUp size={15} />
        </ToolbarButton>
      </div>
      {tree.notice ? (
        <div
          role={tree.notice.tone === "error" ? "alert" : "status"}
          data-testid="file-tree-notice"
          // Floats over the bottom of the tree: a notice in the flow would shift every row under the pointer.
          className={`absolute inset-x-1 bottom-1 z-10 rounded border bg-surface px-2 py-1 text-xs shadow ${tree.notice.tone === "error" ? "border-danger/60 text-danger" : "border-border text-muted"}`}
          onClick={() => tree.setNotice(null)}
        >
          {tree.notice.text}
          {tree.notice.action ? (
            <button
              type="button"
              data-testid="file-tree-notice-action"
              className="ml-2 inline-flex items-center gap-1 font-medium text-accent hover:underline"
              title={`${tree.notice.action.label} (${isMac() ? "⌘" : "Ctrl+"}Z)`}
              onClick={(event) => {
                event.stopPropagation();
                tree.notice?.action?.run();
              }}
            >
              <Undo2 size={12} aria-hidden /> {tree.notice.action.label}
            </button>
          ) : null}
        </div>
      ) : null}
      <div
        ref={scrollRef}
        role="tree"
        aria-label="Project files"
        aria-activedescendant={activeDescendant}
        aria-multiselectable={false}
        tabIndex={0}
        data-testid="file-tree"
        className="relative min-h-0 flex-1 overflow-auto outline-none focus-visible:ring-1 focus-visible:ring-inset focus-visible:ring-accent/60"
        onKeyDown={onKeyDown}
        onMouseDown={() => {
          pointerDown.current = true;
        }}
        onMouseUp={() => {
          pointerDown.current = false;
        }}
        onFocus={(event) => {
          // Tabbing in with nothing active starts at the first row; a click (which focuses the tree on mouse down)
          // activates the clicked row instead, so don't jump to the top under the pointer.
          if (pointerDown.current || event.target !== event.currentTarget || active !== null) return;
          if (rows[0]?.kind === "entry") tree.setActive(rows[0].row.path);
        }}
        onContextMenu={(event) => {
          event.preventDefault();
          setMenu({ x: event.clientX, y: event.clientY, path: null });
        }}
        onDragOver={(event) => dnd.over(event, null)}
        onDrop={(event) => dnd.drop(event, null)}
        onDragLeave={dnd.leave}
      >
        {rows.length === 0 ? (
          <p className="px-3 py-4 text-xs text-muted">No files yet. Use the buttons above, or right-click here.</p>
        ) : null}
        <div role="none" style={{ height: virtualizer.getTotalSize(), position: "relative", minWidth: "100%" }} className={dropTarget === "" ? "bg-accent/10" : ""}>
          {items.map((item) => {
            const view = rows[item.index];
            if (!view) return null;
            if (view.kind === "new")
              return (
                <NewEntryRow
                  key="new-entry"
                  id={rowId(item.index)}
                  top={item.start}
                  depth={view.depth}
                  kind={view.entry}
                  onCommit={(name) => {
                    const problem = tree.commitCreate(name);
                    if (problem === null) focusTree();
                    return problem;
                  }}
                  onCancel={() => {
                    tree.setEditing(null);
                    focusTree();
                  }}
                />
              );
            const { row } = view;
            return (
              <TreeRow
                key={row.path}
                id={rowId(item.index)}
                row={row}
                top={item.start}
                active={row.path === active}
                selected={row.path === active}
                dirty={row.path in tree.drafts}
                dirtyInside={row.isDir && !row.expanded && tree.dirtyFolders.has(row.path)}
                cut={tree.cut !== null && isWithin(row.path, tree.cut)}
                dropTarget={dropTarget !== null && dropTarget !== "" && row.path === dropTarget}
                renaming={editing?.mode === "rename" && editing.path === row.path}
                draggable={!readOnly && editing === null}
                onClick={(event) => {
                  event.stopPropagation();
                  // Focus first: the tree's onFocus picks the first row when nothing is active yet.
                  scrollRef.current?.focus({ preventScroll: true });
                  activate(row.path, row.isDir);
                }}
                onContextMenu={(event) => {
                  event.preventDefault();
                  event.stopPropagation();
                  tree.setActive(row.path);
                  setMenu({ x: event.clientX, y: event.clientY, path: row.path });
                }}
                onDragStart={(event) => dnd.start(event, row.path)}
                onDragOver={(event) => dnd.over(event, row.path)}
                onDrop={(event) => dnd.drop(event, row.path)}
                onDragEnd={dnd.end}
                onRename={(name) => {
                  const problem = tree.commitRename(row.path, name);
                  if (problem === null) focusTree();
                  return problem;
                }}
                onCancelRename={() => {
                  tree.setEditing(null);
                  focusTree();
                }}
              />
            );
          })}
        </div>
      </div>
      {menu ? (
        <TreeContextMenu
          x={menu.x}
          y={menu.y}
          items={menuItemsFor(menu.path, tree, { readOnly, askDelete, open: activate })}
          onClose={(refocus) => {
            setMenu(null);
            if (refocus) focusTree();
          }}
        />
      ) : null}
      <DeleteDialog
        path={confirmDelete}
        project={project}
        onCancel={() => {
          setConfirmDelete(null);
          focusTree();
        }}
        onConfirm={(path) => {
          setConfirmDelete(null);
          tree.remove(path);
          focusTree();
        }}
      />
      {renderMark}
    </div>
  );
}

function ToolbarButton(props: { label: string; testId: string; disabled?: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      title={props.label}
      aria-label={props.label}
      data-testid={props.testId}
      disabled={props.disabled}
      onClick={props.onClick}
      className="rounded p-1 text-muted hover:bg-surface-3 hover:text-fg disabled:opacity-40"
    >
      {props.children}
    </button>
  );
}
