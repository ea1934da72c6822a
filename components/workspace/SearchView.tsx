"use client";
import { CaseSensitive, Regex, WholeWord } from "lucide-react";
import { useDeferredValue, useMemo, useState } from "react";
import { FileIcon } from "@/components/ui/FileIcon";
import { searchProject, type TextSearchQuery } from "@/lib/search/text-search";
import { openFile } from "@/lib/workspace/editor-store";
import { useProjectVersion, useWorkspace } from "./WorkspaceContext";

/** Ctrl/Cmd+Shift+F: search every text file (regex, case, whole word, include glob); click a line to jump to it. */
export function SearchView({ onClose }: { onClose: () => void }) {
  const { project } = useWorkspace();
  const version = useProjectVersion();
  const [query, setQuery] = useState<TextSearchQuery>({ query: "", regex: false, caseSensitive: false, wholeWord: false });
  const [include, setInclude] = useState("");
  const deferred = useDeferredValue(query);
  const deferredInclude = useDeferredValue(include);
  const result = useMemo(() => {
    if (deferred.query === "") return null;
    const globs = deferredInclude.split(",").map((g) => g.trim()).filter(Boolean);
    return searchProject(project, { ...deferred, include: globs, maxResults: 2_000 });
    // version: re-run when files change
  }, [project, version, deferred, deferredInclude]);

  const toggle = (key: "regex" | "caseSensitive" | "wholeWord") => setQuery((q) => ({ ...q, [key]: !q[key] }));
  const jump = (path: string, line: number, column: number) => {
    onClose();
    openFile(path, { line, column });
  };

  return (
    <div className="flex max-h-[80vh] w-[min(760px,92vw)] flex-col" data-testid="search-view">
      <div
        className="flex flex-col gap-2 border-b border-border p-3"
        onKeyDown={(event) => {
          if (!event.altKey) return;
          const key = event.code.replace("Key", "").toLowerCase();
          if (key === "r") toggle("regex");
          else if (key === "c") toggle("caseSensitive");
          else if (key === "w") toggle("wholeWord");
          else return;
          event.preventDefault();
        }}
      >
        <div className="flex items-center gap-1 rounded border border-border bg-surface-2 pr-1 focus-within:border-accent">
          <input
            autoFocus
            aria-label="Search in files"
            placeholder="Search in files"
            className="min-w-0 flex-1 bg-transparent px-2 py-1.5 text-sm outline-none"
            value={query.query}
            onChange={(event) => setQuery((q) => ({ ...q, query: event.target.value }))}
          />
          <Toggle label="Match case (Alt+C)" on={!!query.caseSensitive} onClick={() => toggle("caseSensitive")} icon={CaseSensitive} />
          <Toggle label="Whole word (Alt+W)" on={!!query.wholeWord} onClick={() => toggle("wholeWord")} icon={WholeWord} />
          <Toggle label="Regular expression (Alt+R)" on={!!query.regex} onClick={() => toggle("regex")} icon={Regex} />
        </div>
        <input
          aria-label="Files to include"
          placeholder="Files to include, e.g. src/**/*.ts, *.css"
          className="rounded border border-border bg-surface-2 px-2 py-1 text-xs outline-none focus:border-accent"
          value={include}
          onChange={(event) => setInclude(event.target.value)}
        />
      </div>
      <div className="min-h-0 flex-1 overflow-auto py-1 text-sm" aria-live="polite">
        {result && !result.ok && <p className="px-3 py-2 text-danger" role="alert">{result.error.message}</p>}
        {result?.ok && (
          <p className="px-3 py-1 text-xs text-muted" data-testid="search-summary">
            {result.value.total === 0
              ? "No results."
              : `${result.value.total}${result.value.truncated ? "+" : ""} result${result.value.total === 1 ? "" : "s"} in ${result.value.files.length} file${result.value.files.length === 1 ? "" : "s"}${result.value.truncated ? " (showing the first 2,000)" : ""}`}
          </p>
        )}
        {result?.ok &&
          result.value.files.map((file) => (
            <section key={file.path} aria-label={file.path} className="mb-1">
              <h3 className="flex items-center gap-1.5 px-3 py-1 text-xs font-medium">
                <FileIcon path={file.path} size={13} />
                <span className="truncate">{file.path}</span>
                <span className="ml-auto rounded-full bg-surface-3 px-1.5 text-[10px] text-muted">{file.matches.length}</span>
              </h3>
              <ul>
                {file.matches.map((m) => (
                  <li key={`${m.line}:${m.column}`}>
                    <button
                      type="button"
                      className="flex w-full gap-2 px-6 py-0.5 text-left font-mono text-xs hover:bg-surface-3 focus:bg-accent/15"
                      onClick={() => jump(file.path, m.line, m.column)}
                    >
                      <span className="w-8 shrink-0 text-right text-muted">{m.line}</span>
                      <span className="truncate whitespace-pre">
                        {m.preview.slice(0, m.previewStart)}
                        <mark className="rounded-sm bg-amber-300/60 text-fg">{m.preview.slice(m.previewStart, m.previewStart + m.length)}</mark>
                        {m.preview.slice(m.previewStart + m.length)}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
      </div>
    </div>
  );
}

function Toggle({ label, on, onClick, icon: Icon }: { label: string; on: boolean; onClick: () => void; icon: typeof Regex }) {
  return (
    <button
      type="button"
      title={label}
      aria-label={label}
      aria-pressed={on}
      onClick={onClick}
      className={`rounded p-1 ${on ? "bg-accent text-accent-fg" : "text-muted hover:bg-surface-3"}`}
    >
      <Icon size={14} aria-hidden />
    </button>
  );
}
