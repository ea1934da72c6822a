"use client";
import { useLayoutEffect, useRef, type ReactNode, type RefObject } from "react";

interface DialogProps {
  open: boolean;
  onClose: () => void;
  /** Accessible name. */
  label: string;
  children: ReactNode;
  className?: string;
  testId?: string;
  /** What has focus once the dialog is open (default: its first focusable element, as showModal() does). */
  initialFocus?: RefObject<HTMLElement | null>;
}

/** A modal on the native <dialog>: focus trap, Escape to close and a backdrop for free. */
export function Dialog({ open, onClose, label, children, className = "", testId, initialFocus }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  // A layout effect, and the initial focus in the same breath as showModal(): the dialog is open and focused before
  // the browser handles the next key. (A focus moved a frame later let an Enter typed at once hit the first button.)
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      initialFocus?.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, initialFocus]);
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
