"use client";
import { useEffect, useRef, type ReactNode } from "react";

export interface MenuItem {
  id: string;
  label: string;
  icon?: ReactNode;
  shortcut?: string;
  danger?: boolean;
  disabled?: boolean;
  run: () => void;
}

interface TreeContextMenuProps {
  x: number;
  y: number;
  items: MenuItem[];
  onClose: (refocus: boolean) => void;
}

/** A small ARIA menu at the pointer (or at the focused row). Arrows move, Enter runs, Escape closes. */
export function TreeContextMenu({ x, y, items, onClose }: TreeContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>("[role=menuitem]:not([disabled])")?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose(false);
    };
    const onBlurWindow = () => onClose(false);
    document.addEventListener("pointerdown", onPointer, true);
    window.addEventListener("blur", onBlurWindow);
    return () => {
      document.removeEventListener("pointerdown", onPointer, true);
      window.removeEventListener("blur", onBlurWindow);
    };
  }, [onClose]);

  // Keep the menu on screen.
  const left = typeof window === "undefined" ? x : Math.min(x, window.innerWidth - 220);
  const top = typeof window === "undefined" ? y : Math.min(y, window.innerHeight - items.length * 28 - 12);

  const move = (delta: number) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]:not([disabled])") ?? [])];
    if (buttons.length === 0) return;
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(at + delta + buttons.length) % buttons.length]?.focus();
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label="File actions"
      data-testid="file-tree-menu"
      style={{ left, top: Math.max(4, top) }}
      className="fixed z-50 min-w-52 rounded-md border border-border bg-surface py-1 text-[13px] text-fg shadow-xl"
      onContextMenu={(event) => event.preventDefault()}
      onKeyDown={(event) => {
        if (event.key === "ArrowDown") move(1);
        else if (event.key === "ArrowUp") move(-1);
        else if (event.key === "Home") move(-1000);
        else if (event.key === "Escape" || event.key === "Tab") onClose(true);
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
    >
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          disabled={item.disabled}
          data-testid={`file-tree-menu-${item.id}`}
          className={`flex w-full items-center gap-2 px-3 py-1 text-left outline-none hover:bg-surface-3 focus:bg-accent/15 disabled:opacity-40 ${item.danger ? "text-danger" : ""}`}
          onClick={() => {
            onClose(false);
            item.run();
          }}
        >
          <span className="flex w-4 justify-center text-muted" aria-hidden>
            {item.icon}
          </span>
          <span className="flex-1">{item.label}</span>
          {item.shortcut ? <kbd className="font-sans text-xs text-muted">{item.shortcut}</kbd> : null}
        </button>
      ))}
    </div>
  );
}
