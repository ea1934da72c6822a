"use client";
// The @-mention picker: a listbox above the composer. The textarea keeps the keyboard (aria-activedescendant points
// here); a click picks without taking focus from it.
import { useEffect } from "react";
import { FileIcon } from "@/components/ui/FileIcon";
import type { Mentions } from "./useMentions";

export function MentionPicker({ mentions }: { mentions: Mentions }) {
  const { results, active, listboxId, optionId, query } = mentions;
  const activeId = optionId(active);

  useEffect(() => {
    document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
  }, [activeId]);

  return (
    <div className="absolute inset-x-0 bottom-full z-20 mb-1 overflow-hidden rounded-md border border-border bg-surface shadow-lg" data-testid="mention-picker">
      <p className="flex items-center justify-between gap-2 border-b border-border bg-surface-2 px-2 py-1 text-[11px] text-muted">
        <span>Attach a file</span>
        <span aria-hidden>↑↓ choose · Enter pick · Esc close</span>
      </p>
      <ul id={listboxId} role="listbox" aria-label="Files to mention" className="max-h-56 overflow-y-auto py-1">
        {results.length === 0 && (
          <li className="px-2 py-1.5 text-xs text-muted" role="presentation">
            No file matches “{query}”.
          </li>
        )}
        {results.map((result, index) => (
          <li
            key={result.path}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            data-path={result.path}
            className={`flex cursor-pointer items-center gap-2 px-2 py-1 text-xs ${index === active ? "bg-accent/15" : "hover:bg-surface-3"}`}
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => index !== active && mentions.setActive(index)}
            onClick={() => mentions.pick(result.path)}
          >
            <FileIcon path={result.path} size={14} />
            <PathLabel path={result.path} marks={result.highlights} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The file name first, its folder after it in muted text; matched characters emphasised. Text only, never HTML. */
function PathLabel({ path, marks }: { path: string; marks: number[] }) {
  const hit = new Set(marks);
  const nameStart = path.lastIndexOf("/") + 1;
  const chars = (from: number, to: number) =>
    [...path.slice(from, to)].map((ch, i) => (
      <span key={i} className={hit.has(from + i) ? "font-semibold text-accent" : undefined}>
        {ch}
      </span>
    ));
  return (
    <span className="flex min-w-0 items-baseline gap-2">
      <span className="shrink-0 text-fg">{chars(nameStart, path.length)}</span>
      {nameStart > 0 && <span className="truncate text-muted">{chars(0, nameStart - 1)}</span>}
    </span>
  );
}
