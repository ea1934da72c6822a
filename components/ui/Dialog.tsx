"use client";
import { useEffect, useRef, type ReactNode } from "react";

interface DialogProps {
  open: boolean;
  onClose: () => void;
  /** Accessible name. */
  label: string;
  children: ReactNode;
  className?: string;
  testId?: string;
}

/** A modal on the native <dialog>: focus trap, Escape to close and a backdrop for free. */
export function Dialog({ open, onClose, label, children, className = "", testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={label}
      data-testid={testId}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === ref.current) onClose(); // a click on the backdrop
      }}
      className={`m-auto rounded-lg border border-border bg-surface p-0 text-fg shadow-2xl backdrop:bg-black/40 ${className}`}
    >
      {open ? children : null}
    </dialog>
  );
}
