"use client";
import { useEffect, useRef, useState } from "react";

interface NameInputProps {
  initial: string;
  label: string;
  /** Returns an error message to show inline, or null when the change was made. */
  onCommit: (name: string) => string | null;
  onCancel: () => void;
}

/** The inline name box for create and rename. Enter commits, Escape cancels; errors stay visible under the box. */
export function NameInput({ initial, label, onCommit, onCancel }: NameInputProps) {
  const ref = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);

  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    input.focus();
    // Select the name without its extension, as editors do, so typing replaces just the name.
    const dot = initial.lastIndexOf(".");
    input.setSelectionRange(0, dot > 0 ? dot : initial.length);
  }, [initial]);

  const commit = () => {
    if (done.current) return;
    if (value.trim() === "" || value === initial) {
      done.current = true;
      onCancel();
      return;
    }
    // Marked done before committing: the parent moves focus to the tree on success, which blurs this box.
    done.current = true;
    const problem = onCommit(value);
    if (problem !== null) {
      done.current = false;
      setError(problem);
    }
  };

  return (
    <div className="relative min-w-0 flex-1">
      <input
        ref={ref}
        value={value}
        aria-label={label}
        aria-invalid={error !== null}
        aria-describedby={error ? "file-tree-name-error" : undefined}
        data-testid="file-tree-name-input"
        spellCheck={false}
        autoComplete="off"
        className={`h-5 w-full rounded-sm border bg-surface px-1 text-[13px] text-fg outline-none ${error ? "border-danger" : "border-accent"}`}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          event.stopPropagation(); // the tree's own keys (arrows, Delete, F2) must not fire while typing
          if (event.key === "Enter") {
            event.preventDefault();
            commit();
          } else if (event.key === "Escape") {
            event.preventDefault();
            done.current = true;
            onCancel();
          }
        }}
        onBlur={() => {
          // Clicking away keeps a valid name and drops an invalid one, so the tree never stays stuck in edit mode.
          if (done.current) return;
          if (value.trim() === "" || value === initial) return commit();
          done.current = true;
          if (onCommit(value) !== null) onCancel();
        }}
      />
      {error ? (
        <div
          id="file-tree-name-error"
          role="alert"
          data-testid="file-tree-name-error"
          className="absolute left-0 right-0 top-full z-20 mt-0.5 rounded-sm border border-danger bg-surface px-1.5 py-1 text-xs leading-snug whitespace-normal text-danger shadow"
        >
          {error}
        </div>
      ) : null}
    </div>
  );
}
