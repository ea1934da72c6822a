"use client";
// The tab strip: click to show, middle-click or × to close, drag to reorder, ● for unsaved, ! for a conflict.
import { AlertTriangle, X } from "lucide-react";
import { useRef, useState } from "react";
import { useStore } from "zustand";
import { FileIcon } from "@/components/ui/FileIcon";
import { basename } from "@/lib/project/paths";
import type { EditorStore } from "@/lib/workspace/editor-store";
import { activeEditor } from "./editor-handle";

const DRAG_TYPE = "application/x-tandem-tab";

export function EditorTabs({ store, onClose }: { store: EditorStore; onClose: (path: string) => void }) {
  const tabs = useStore(store, (s) => s.tabs);
  const active = useStore(store, (s) => s.active);
  const drafts = useStore(store, (s) => s.drafts);
  const conflicts = useStore(store, (s) => s.conflicts);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const dragged = useRef<string | null>(null);
  if (tabs.length === 0) return null;

  const names = new Map<string, number>();
  for (const path of tabs) names.set(basename(path), (names.get(basename(path)) ?? 0) + 1);

  const drop = (index: number) => {
    const path = dragged.current;
    dragged.current = null;
    setDropAt(null);
    if (!path) return;
    const from = tabs.indexOf(path);
    store.getState().reorder(path, from < index ? index - 1 : index);
  };

  return (
    <div
      role="tablist"
      aria-label="Open files"
      data-testid="editor-tabs"
      className="flex h-9 shrink-0 items-stretch overflow-x-auto border-b border-border bg-surface-2 [scrollbar-width:thin]"
      onDragOver={(event) => {
        if (!dragged.current) return;
        event.preventDefault();
        if (event.target === event.currentTarget) setDropAt(tabs.length);
      }}
      onDrop={(event) => {
        event.preventDefault();
        if (event.target === event.currentTarget) drop(tabs.length);
      }}
    >
      {tabs.map((path, index) => {
        const selected = path === active;
        const dirty = path in drafts;
        const conflict = conflicts[path];
        const name = basename(path);
        // Same name in two folders: show the folder too, like VS Code.
        const hint = (names.get(name) ?? 0) > 1 ? path.slice(0, -name.length - 1) : "";
        return (
          <div
            key={path}
            role="tab"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            draggable
            title={path}
            data-testid="editor-tab"
            data-path={path}
            data-dirty={dirty ? "true" : undefined}
            data-conflict={conflict ? conflict.kind : undefined}
            className={`group relative flex min-w-0 max-w-56 shrink-0 cursor-pointer select-none items-center gap-1.5 border-r border-border pl-3 pr-1 text-xs ${
              selected ? "bg-surface text-fg" : "text-muted hover:bg-surface-3 hover:text-fg"
            }`}
            onClick={() => {
              store.getState().setActive(path);
              requestAnimationFrame(() => activeEditor()?.focus()); // like VS Code: a clicked tab's editor gets the keys
            }}
            onMouseDown={(event) => {
              if (event.button === 1) event.preventDefault(); // no autoscroll cursor on middle-click
            }}
            onAuxClick={(event) => {
              if (event.button !== 1) return;
              event.preventDefault();
              onClose(path);
            }}
            onKeyDown={(event) => {
              const move = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
              if (move && event.altKey && event.shiftKey) store.getState().reorder(path, index + move);
              else if (move) {
                const next = tabs[(index + move + tabs.length) % tabs.length];
                if (!next) return;
                store.getState().setActive(next);
                const strip = event.currentTarget.parentElement;
                strip?.querySelector<HTMLElement>(`[data-path="${CSS.escape(next)}"]`)?.focus();
              } else if (event.key === "Delete") onClose(path);
            }}
            onDragStart={(event) => {
              dragged.current = path;
              event.dataTransfer.effectAllowed = "move";
              event.dataTransfer.setData(DRAG_TYPE, path);
            }}
            onDragEnd={() => {
              dragged.current = null;
              setDropAt(null);
            }}
            onDragOver={(event) => {
              if (!dragged.current) return;
              event.preventDefault();
              const box = event.currentTarget.getBoundingClientRect();
              setDropAt(event.clientX < box.left + box.width / 2 ? index : index + 1);
            }}
            onDrop={(event) => {
              event.preventDefault();
              event.stopPropagation();
              const box = event.currentTarget.getBoundingClientRect();
              drop(event.clientX < box.left + box.width / 2 ? index : index + 1);
            }}
          >
            {selected && <span className="absolute inset-x-0 top-0 h-0.5 bg-accent" aria-hidden />}
            {dropAt === index && <span className="absolute inset-y-1 -left-px w-0.5 bg-accent" aria-hidden />}
            {dropAt === index + 1 && index === tabs.length - 1 && (
              <span className="absolute inset-y-1 -right-px w-0.5 bg-accent" aria-hidden />
            )}
            <FileIcon path={path} size={13} />
            <span className={`truncate ${conflict ? "text-warn" : ""}`}>{name}</span>
            {hint && <span className="truncate text-[10px] text-muted">{hint}</span>}
            {conflict && <AlertTriangle size={12} className="shrink-0 text-warn" aria-label="Changed outside the editor" />}
            <button
              type="button"
              aria-label={dirty ? `Close ${name} (unsaved changes)` : `Close ${name}`}
              data-testid="editor-tab-close"
              className="relative flex h-5 w-5 shrink-0 items-center justify-center rounded hover:bg-surface-3"
              onClick={(event) => {
                event.stopPropagation();
                onClose(path);
              }}
            >
              {dirty && (
                <span
                  data-testid="editor-tab-unsaved"
                  className="h-2 w-2 rounded-full bg-fg group-hover:hidden"
                  aria-hidden
                />
              )}
              <X size={13} className={dirty ? "hidden group-hover:block" : selected ? "" : "opacity-0 group-hover:opacity-100"} aria-hidden />
            </button>
          </div>
        );
      })}
    </div>
  );
}
