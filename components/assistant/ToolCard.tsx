"use client";
import {
  AlertCircle,
  CheckCircle2,
  ChevronRight,
  FilePen,
  FilePlus,
  FileSearch,
  FileText,
  FolderTree,
  Loader2,
  ScanSearch,
  SquareTerminal,
  Stethoscope,
  Trash2,
  type LucideIcon,
} from "lucide-react";
import { memo, useState } from "react";
import { useStore } from "zustand";
import type { StoreApi } from "zustand/vanilla";
import { describeToolCall, failedSearch } from "@/lib/agent/tool-summary";
import { openFile } from "@/lib/workspace/editor-store";
import type { SessionState } from "./agent-session";

export interface ToolPartView {
  toolName: string;
  toolCallId: string;
  state: string;
  input: unknown;
  output?: unknown;
  errorText?: string;
}

const ICONS: Record<string, LucideIcon> = {
  list_files: FolderTree,
  read_file: FileText,
  write_file: FilePlus,
  edit_file: FilePen,
  delete_path: Trash2,
  rename_path: FilePen,
  search: FileSearch,
  run_command: SquareTerminal,
  read_diagnostics: Stethoscope,
  read_preview_errors: ScanSearch,
};

interface ToolCardProps {
  part: ToolPartView;
  store: StoreApi<SessionState>;
}

/**
 * One tool call as a compact card: what, status, duration; edits as a small inline diff with "Open"; command output.
 * Memoized on what it shows: a loop of 30 steps re-rendered every earlier card on every chunk of the current one (the
 * chat's message snapshots are new objects each time, but a part's input and output keep their identity).
 */
export const ToolCard = memo(ToolCardView, (a, b) => a.store === b.store && samePart(a.part, b.part));

function samePart(a: ToolPartView, b: ToolPartView): boolean {
  return (
    a.toolCallId === b.toolCallId &&
    a.toolName === b.toolName &&
    a.state === b.state &&
    a.input === b.input &&
    a.output === b.output &&
    a.errorText === b.errorText
  );
}

function ToolCardView({ part, store }: ToolCardProps) {
  const activity = useStore(store, (s) => s.tools[part.toolCallId]);
  const [open, setOpen] = useState(false);
  const Icon = ICONS[part.toolName] ?? AlertCircle;
  const input = (part.input ?? {}) as Record<string, unknown>;
  const output = (part.output ?? {}) as Record<string, unknown>;
  const running = part.state === "input-streaming" || part.state === "input-available";
  const failed = part.state === "output-error";
  const duration = activity?.endedAt ? activity.endedAt - activity.startedAt : null;
  const path = typeof input.path === "string" ? input.path : undefined;
  const diff = typeof output.diff === "string" ? output.diff : null;
  const commandOutput = part.toolName === "run_command" ? (typeof output.output === "string" ? output.output : activity?.output) : undefined;
  const hasDetails = Boolean(diff || commandOutput || failed || part.toolName === "search" || part.toolName === "list_files" || part.toolName === "read_diagnostics");
  // A failed edit shows the text it looked for, so the person sees what did not match.
  const search = failed && part.toolName === "edit_file" ? failedSearch(input, part.errorText) : null;

  return (
    <div
      className={`my-1 rounded border text-xs ${failed ? "border-danger/50" : "border-border"} bg-surface`}
      data-testid="tool-card"
      data-tool={part.toolName}
      data-state={part.state}
    >
      <div className="flex items-center gap-1.5 px-2 py-1">
        <button
          type="button"
          className="flex min-w-0 flex-1 items-center gap-1.5 text-left disabled:cursor-default"
          onClick={() => setOpen((o) => !o)}
          disabled={!hasDetails}
          aria-expanded={open}
        >
          {hasDetails ? <ChevronRight size={12} aria-hidden className={`shrink-0 transition-transform ${open ? "rotate-90" : ""}`} /> : <span className="w-3" />}
          <Icon size={13} aria-hidden className="shrink-0 text-muted" />
          <span className="truncate">{describeToolCall(part.toolName, input, output, part.state)}</span>
        </button>
        {path && !running && !failed && part.toolName !== "delete_path" && (
          <button type="button" className="shrink-0 rounded px-1 text-accent hover:bg-surface-3" onClick={() => openFile(path)} title={`Open ${path}`}>
            Open
          </button>
        )}
        {duration !== null && <span className="shrink-0 tabular-nums text-muted" data-testid="tool-duration">{formatMs(duration)}</span>}
        {running ? (
          <Loader2 size={13} className="shrink-0 animate-spin text-muted" aria-label="Running" />
        ) : failed ? (
          <AlertCircle size={13} className="shrink-0 text-danger" aria-label="Failed" />
        ) : (
          <CheckCircle2 size={13} className="shrink-0 text-ok" aria-label="Done" />
        )}
      </div>
      {running && part.toolName === "run_command" && activity?.output && (
        <pre className="max-h-32 overflow-auto border-t border-border px-2 py-1 font-mono text-[11px] text-muted">{activity.output}</pre>
      )}
      {failed && (
        <p className="whitespace-pre-wrap border-t border-border px-2 py-1 font-mono text-[11px] text-danger" data-testid="tool-error">
          {open ? part.errorText : firstLine(part.errorText ?? "Failed")}
        </p>
      )}
      {search !== null && (
        <div className="border-t border-border px-2 py-1" data-testid="failed-search">
          <p className="text-[11px] text-muted">Searched for:</p>
          <pre className="max-h-32 overflow-auto whitespace-pre-wrap font-mono text-[11px]">{open ? search : search.split("\n").slice(0, 4).join("\n")}</pre>
        </div>
      )}
      {open && !failed && (
        <div className="border-t border-border">
          {diff ? <DiffView diff={diff} /> : null}
          {commandOutput ? <pre className="max-h-64 overflow-auto px-2 py-1 font-mono text-[11px]">{commandOutput}</pre> : null}
          {!diff && !commandOutput ? <pre className="max-h-64 overflow-auto px-2 py-1 font-mono text-[11px] text-muted">{summarize(output)}</pre> : null}
        </div>
      )}
      {!open && diff && !failed && <DiffView diff={diff} maxLines={8} />}
    </div>
  );
}

function DiffView({ diff, maxLines }: { diff: string; maxLines?: number }) {
  const lines = diff.split("\n");
  const shown = maxLines ? lines.slice(0, maxLines) : lines;
  return (
    <pre className="max-h-72 overflow-auto border-t border-border py-1 font-mono text-[11px]" data-testid="inline-diff">
      {shown.map((line, i) => (
        <div
          key={i}
          className={`px-2 ${line.startsWith("+") ? "bg-ok/15" : line.startsWith("-") ? "bg-danger/15" : line.startsWith("@@") ? "text-muted" : ""}`}
        >
          {line || " "}
        </div>
      ))}
      {maxLines && lines.length > maxLines ? <div className="px-2 text-muted">… {lines.length - maxLines} more lines</div> : null}
    </pre>
  );
}

function summarize(output: Record<string, unknown>): string {
  if (typeof output.tree === "string") return output.tree;
  if (typeof output.matches === "string") return output.matches || "No matches.";
  return JSON.stringify(output, null, 2).slice(0, 4000);
}

function firstLine(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
