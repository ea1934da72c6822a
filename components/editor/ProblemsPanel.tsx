"use client";
// TypeScript/JavaScript (and JSON, CSS, HTML) diagnostics across the project's files, grouped by file.
// Click one to open the file at that spot. Reads the editor store only, so it never loads Monaco itself.
import { AlertTriangle, ChevronDown, ChevronRight, CircleX, Info } from "lucide-react";
import { useMemo, useState } from "react";
import { useStore } from "zustand";
import { FileIcon } from "@/components/ui/FileIcon";
import { basename, dirname } from "@/lib/project/paths";
import { editorStore, type Problem, type ProblemSeverity } from "@/lib/workspace/editor-store";

/** Rendering thousands of rows helps nobody; the counts stay exact. */
const MAX_ROWS = 1_000;

const ICON: Record<ProblemSeverity, React.ReactNode> = {
  error: <CircleX size={13} className="shrink-0 text-danger" aria-label="Error" />,
  warning: <AlertTriangle size={13} className="shrink-0 text-warn" aria-label="Warning" />,
  info: <Info size={13} className="shrink-0 text-accent" aria-label="Info" />,
};

export function ProblemsPanel() {
  const problems = useStore(editorStore, (s) => s.problems);
  const summary = useStore(editorStore, (s) => s.summary);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const groups = useMemo(() => {
    const byPath = new Map<string, Problem[]>();
    for (const problem of problems.slice(0, MAX_ROWS)) {
      const list = byPath.get(problem.path);
      if (list) list.push(problem);
      else byPath.set(problem.path, [problem]);
    }
    return [...byPath];
  }, [problems]);

  if (problems.length === 0)
    return (
      <div className="flex h-full items-center justify-center text-xs text-muted" data-testid="problems-panel" data-count="0">
        No problems found in the project&apos;s files.
      </div>
    );

  const toggle = (path: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  return (
    <div className="h-full overflow-auto py-1 text-xs" data-testid="problems-panel" data-count={problems.length}>
      <p className="sr-only" aria-live="polite">
        {summary.errors} errors, {summary.warnings} warnings
      </p>
      <ul role="tree" aria-label="Problems">
        {groups.map(([path, list]) => {
          const open = !collapsed.has(path);
          const dir = dirname(path);
          return (
            <li key={path} role="treeitem" aria-expanded={open} aria-selected={false}>
              <button
                type="button"
                onClick={() => toggle(path)}
                className="flex w-full items-center gap-1.5 px-2 py-0.5 text-left hover:bg-surface-3"
                data-testid="problems-file"
                data-path={path}
              >
                {open ? <ChevronDown size={13} aria-hidden /> : <ChevronRight size={13} aria-hidden />}
                <FileIcon path={path} size={13} />
                <span className="font-medium text-fg">{basename(path)}</span>
                {dir && <span className="truncate text-muted">{dir}</span>}
                <span className="ml-1 rounded-full bg-surface-3 px-1.5 text-[10px] text-muted">{list.length}</span>
              </button>
              {open && (
                <ul role="group">
                  {list.map((problem, index) => (
                    <li key={`${problem.line}:${problem.column}:${index}`} role="treeitem" aria-selected={false}>
                      <button
                        type="button"
                        data-testid="problem"
                        data-severity={problem.severity}
                        onClick={() => editorStore.getState().openFile(problem.path, { line: problem.line, column: problem.column })}
                        className="flex w-full items-start gap-1.5 py-0.5 pl-9 pr-2 text-left hover:bg-surface-3"
                      >
                        {ICON[problem.severity]}
                        <span className="min-w-0 flex-1 whitespace-pre-wrap break-words text-fg">{problem.message}</span>
                        <span className="shrink-0 text-muted">
                          {problem.code ? `(${problem.code}) ` : ""}[Ln {problem.line}, Col {problem.column}]
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {problems.length > MAX_ROWS && (
        <p className="px-3 py-1 text-muted">Showing the first {MAX_ROWS} of {problems.length} problems.</p>
      )}
    </div>
  );
}
