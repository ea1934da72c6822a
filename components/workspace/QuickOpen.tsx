"use client";
import { useMemo, useState } from "react";
import { rankPaths } from "@/lib/search/quick-open";
import { openFile } from "@/lib/workspace/editor-store";
import { FileIcon } from "@/components/ui/FileIcon";
import { useProjectVersion, useWorkspace } from "./WorkspaceContext";

/** Ctrl/Cmd+P: type part of a file name, arrows to choose, Enter to open. */
export function QuickOpen({ onClose }: { onClose: () => void }) {
  const { project } = useWorkspace();
  const version = useProjectVersion();
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState(0);
  const paths = useMemo(() => project.listFiles().map((f) => f.path), [project, version]);
  const results = useMemo(() => rankPaths(paths, query, 50), [paths, query]);
  const choose = (path: string | undefined) => {
    if (!path) return;
    onClose();
    openFile(path);
  };
  return (
    <div className="flex w-[min(640px,90vw)] flex-col" data-testid="quick-open">
      <input
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="quick-open-list"
        aria-activedescendant={results[selected] ? `qo-${selected}` : undefined}
        aria-label="Go to file"
        placeholder="Go to file…"
        className="w-full border-b border-border bg-transparent px-4 py-3 text-sm outline-none"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setSelected(0);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") setSelected((i) => Math.min(i + 1, results.length - 1));
          else if (event.key === "ArrowUp") setSelected((i) => Math.max(i - 1, 0));
          else if (event.key === "Enter") choose(results[selected]?.path);
          else return;
          event.preventDefault();
        }}
      />
      <ul id="quick-open-list" role="listbox" aria-label="Files" className="max-h-[50vh] overflow-auto py-1">
        {results.length === 0 && <li className="px-4 py-3 text-sm text-muted">No file matches “{query}”.</li>}
        {results.map((result, index) => (
          <li
            key={result.path}
            id={`qo-${index}`}
            role="option"
            aria-selected={index === selected}
            className={`flex cursor-pointer items-center gap-2 px-4 py-1.5 text-sm ${index === selected ? "bg-accent/15" : "hover:bg-surface-3"}`}
            onMouseMove={() => setSelected(index)}
            onClick={() => choose(result.path)}
          >
            <FileIcon path={result.path} />
            <Highlighted text={result.path} indexes={result.highlights} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Renders text with matched characters emphasised. Text only: file names are never interpreted as HTML. */
function Highlighted({ text, indexes }: { text: string; indexes: number[] }) {
  const marks = new Set(indexes);
  const name = text.lastIndexOf("/") + 1;
  return (
    <span className="truncate">
      {[...text].map((ch, i) => (
        <span key={i} className={`${marks.has(i) ? "font-semibold text-accent" : ""} ${i < name ? "text-muted" : ""}`}>
          {ch}
        </span>
      ))}
    </span>
  );
}
