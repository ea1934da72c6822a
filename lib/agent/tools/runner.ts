// Runs the agent's tool calls in the browser against the project model and the active runtime. Every input is
// validated with the shared schemas; every failure comes back as a message the model can act on (errors are values).
// All file changes go through Project with origin "agent", so they appear live in the editor and persist.
import { z } from "zod";
import { contentSize, normalizePath, type Project } from "@/lib/project";
import type { Runtime } from "@/lib/runtimes/types";
import { applyEdits } from "./edit";
import { isAgentToolName, type AgentToolName } from "./definitions";
import * as s from "./schemas";
import { capHeadTail, countLines, globToRegExp, lineDiff, numberLines } from "./text";

/** The editor fills this in (Monaco markers); without it read_diagnostics says diagnostics are unavailable. */
export interface DiagnosticsProvider {
  read(path?: string): s.Diagnostic[] | Promise<s.Diagnostic[]>;
}
/** The preview fills this in; without it read_preview_errors says so. */
export interface PreviewErrorsProvider {
  read(): s.PreviewError[] | Promise<s.PreviewError[]>;
}

export interface AgentEnvironment {
  project: Project;
  /** The runtime commands run in, or null while none is ready. */
  getRuntime?: () => Pick<Runtime, "spawn"> | null;
  diagnostics?: DiagnosticsProvider;
  previewErrors?: PreviewErrorsProvider;
}

export type ToolRunResult = { ok: true; output: unknown } | { ok: false; error: string };

export interface RunOptions {
  toolCallId?: string;
  signal?: AbortSignal;
  /** Live command output, for the tool card. */
  onOutput?: (text: string) => void;
}

/** Folders list_files and search skip: dependencies, VCS data and build output. */
const SKIPPED_DIRS = new Set(["node_modules", ".git", ".next", "dist", "build", "coverage", ".cache", ".turbo", ".npm"]);

type Input<N extends AgentToolName> = z.infer<(typeof inputSchemas)[N]>;
const inputSchemas = {
  list_files: s.listFilesInput,
  read_file: s.readFileInput,
  write_file: s.writeFileInput,
  edit_file: s.editFileInput,
  delete_path: s.deletePathInput,
  rename_path: s.renamePathInput,
  search: s.searchInput,
  run_command: s.runCommandInput,
  read_diagnostics: s.readDiagnosticsInput,
  read_preview_errors: s.readPreviewErrorsInput,
} as const;

const fail = (error: string): ToolRunResult => ({ ok: false, error });
const done = (output: unknown): ToolRunResult => ({ ok: true, output });

export class ToolRunner {
  /** Version of each file when the agent last read or wrote it: an edit based on an older one is refused. */
  private seen = new Map<string, number>();

  constructor(private readonly env: AgentEnvironment) {}

  async run(name: string, rawInput: unknown, options: RunOptions = {}): Promise<ToolRunResult> {
    if (!isAgentToolName(name)) return fail(`Unknown tool "${name}". Available tools: ${Object.keys(inputSchemas).join(", ")}.`);
    const parsed = inputSchemas[name].safeParse(rawInput);
    if (!parsed.success) return fail(`Invalid input for ${name}: ${z.prettifyError(parsed.error)}`);
    if (options.signal?.aborted) return fail("Stopped by the user before this tool ran.");
    try {
      return await this.dispatch(name, parsed.data, options);
    } catch (error) {
      return fail(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private dispatch(name: AgentToolName, input: unknown, options: RunOptions): ToolRunResult | Promise<ToolRunResult> {
    const batch = options.toolCallId ? `agent:${options.toolCallId}` : undefined;
    switch (name) {
      case "list_files":
        return this.listFiles(input as Input<"list_files">);
      case "read_file":
        return this.readFile(input as Input<"read_file">);
      case "write_file":
        return this.writeFile(input as Input<"write_file">, batch);
      case "edit_file":
        return this.editFile(input as Input<"edit_file">, batch);
      case "delete_path":
        return this.deletePath(input as Input<"delete_path">, batch);
      case "rename_path":
        return this.renamePath(input as Input<"rename_path">, batch);
      case "search":
        return this.search(input as Input<"search">);
      case "run_command":
        return this.runCommand(input as Input<"run_command">, options);
      case "read_diagnostics":
        return this.readDiagnostics(input as Input<"read_diagnostics">);
      case "read_preview_errors":
        return this.readPreviewErrors();
    }
  }

  private listFiles(input: Input<"list_files">): ToolRunResult {
    const { project } = this.env;
    let root = "";
    if (input.path !== undefined && input.path.trim() !== "" && input.path.trim() !== ".") {
      const p = normalizePath(input.path);
      if (!p.ok) return fail(p.error.message);
      if (!project.isDir(p.value)) return fail(`"${p.value}" is not a folder. Use read_file for files.`);
      root = p.value;
    }
    const depth = input.depth ?? 6;
    const prefix = root === "" ? "" : `${root}/`;
    const lines: string[] = [];
    const dirsShown = new Set<string>();
    let files = 0;
    let truncated = false;
    const visible = (rel: string) => rel.split("/").every((part) => !SKIPPED_DIRS.has(part));
    const entries = [
      ...project.listDirs().filter((d) => d.startsWith(prefix) && d !== root).map((d) => ({ rel: d.slice(prefix.length), size: -1 })),
      ...project.listFiles().filter((f) => f.path.startsWith(prefix)).map((f) => ({ rel: f.path.slice(prefix.length), size: contentSize(f.content) })),
    ].sort((a, b) => (a.rel < b.rel ? -1 : 1));
    for (const entry of entries) {
      if (!visible(entry.rel)) continue;
      const parts = entry.rel.split("/");
      if (parts.length > depth) continue;
      if (lines.length >= s.LIMITS.listEntries) {
        truncated = true;
        break;
      }
      if (entry.size < 0) {
        if (dirsShown.has(entry.rel)) continue;
        dirsShown.add(entry.rel);
        lines.push(`${"  ".repeat(parts.length - 1)}${parts.at(-1)}/`);
      } else {
        files++;
        lines.push(`${"  ".repeat(parts.length - 1)}${parts.at(-1)} (${formatSize(entry.size)})`);
      }
    }
    return done({ tree: lines.join("\n") || "(empty)", files, truncated });
  }

  private readFile(input: Input<"read_file">): ToolRunResult {
    const node = this.env.project.read(input.path);
    if (!node.ok) return fail(node.error.message);
    if (typeof node.value.content !== "string") return fail(`"${node.value.path}" is a binary file; it cannot be read as text.`);
    const all = node.value.content.split("\n");
    if (all.length > 1 && all.at(-1) === "") all.pop();
    const total = all.length;
    const start = Math.min(input.startLine ?? 1, Math.max(total, 1));
    if (input.endLine !== undefined && input.endLine < start) return fail(`endLine (${input.endLine}) is before startLine (${start}).`);
    let end = Math.min(input.endLine ?? total, total, start + s.LIMITS.readLines - 1);
    let lines = all.slice(start - 1, end);
    let chars = 0;
    for (let i = 0; i < lines.length; i++) {
      chars += (lines[i]?.length ?? 0) + 1;
      if (chars > s.LIMITS.readChars && i > 0) {
        lines = lines.slice(0, i);
        end = start + i - 1;
        break;
      }
    }
    this.seen.set(node.value.path, node.value.version);
    return done({
      path: node.value.path,
      content: numberLines(lines, start),
      startLine: start,
      endLine: Math.max(end, start - 1),
      totalLines: total,
      truncated: end < total && (input.endLine === undefined || end < input.endLine),
    });
  }

  private writeFile(input: Input<"write_file">, batch?: string): ToolRunResult {
    const { project } = this.env;
    const p = normalizePath(input.path);
    if (!p.ok) return fail(p.error.message);
    const existing = project.read(p.value);
    const before = existing.ok && typeof existing.value.content === "string" ? existing.value.content : "";
    const stale = existing.ok ? this.staleMessage(p.value, existing.value.version) : null;
    if (stale) return fail(stale);
    const baseVersion = existing.ok ? existing.value.version : 0;
    const result = project.write(p.value, input.content, batch ? { origin: "agent", baseVersion, batch } : { origin: "agent", baseVersion });
    if (!result.ok) return fail(result.error.message);
    this.seen.set(p.value, result.value.seq);
    return done(this.change(p.value, before, input.content, !existing.ok));
  }

  private editFile(input: Input<"edit_file">, batch?: string): ToolRunResult {
    const { project } = this.env;
    const node = project.read(input.path);
    if (!node.ok) return fail(`${node.error.message}${node.error.code === "not-found" ? " Use write_file to create it." : ""}`);
    const { path, content, version } = node.value;
    if (typeof content !== "string") return fail(`"${path}" is a binary file; it cannot be edited as text.`);
    const stale = this.staleMessage(path, version);
    if (stale) return fail(stale);
    const edited = applyEdits(content, input.edits);
    if (!edited.ok) return fail(`${path}: ${edited.message}`);
    if (edited.content === content) return fail(`${path}: the edits change nothing (search and replace are equal).`);
    const result = project.write(path, edited.content, batch ? { origin: "agent", baseVersion: version, batch } : { origin: "agent", baseVersion: version });
    if (!result.ok) return fail(result.error.message);
    this.seen.set(path, result.value.seq);
    return done(this.change(path, content, edited.content, false));
  }

  private deletePath(input: Input<"delete_path">, batch?: string): ToolRunResult {
    const result = this.env.project.delete(input.path, batch ? { origin: "agent", batch } : { origin: "agent" });
    if (!result.ok) return fail(result.error.message);
    return done({ message: `Deleted ${result.value.op.type === "delete" ? result.value.op.path : input.path}.` });
  }

  private renamePath(input: Input<"rename_path">, batch?: string): ToolRunResult {
    const result = this.env.project.rename(input.from, input.to, batch ? { origin: "agent", batch } : { origin: "agent" });
    if (!result.ok) return fail(result.error.message);
    const op = result.value.op;
    return done({ message: op.type === "rename" ? `Renamed ${op.from} to ${op.to}.` : "Renamed." });
  }

  private search(input: Input<"search">): ToolRunResult {
    let regex: RegExp;
    try {
      regex = new RegExp(input.pattern, input.caseSensitive === false || input.caseSensitive === undefined ? "i" : "");
    } catch (error) {
      return fail(`Invalid regular expression: ${error instanceof Error ? error.message : String(error)}`);
    }
    const glob = input.glob ? globToRegExp(input.glob) : null;
    const max = input.maxResults ?? s.LIMITS.searchResults;
    const out: string[] = [];
    let count = 0;
    for (const file of this.env.project.listFiles()) {
      if (typeof file.content !== "string") continue;
      if (file.path.split("/").some((part) => SKIPPED_DIRS.has(part))) continue;
      if (glob && !glob.test(file.path)) continue;
      const lines = file.content.split("\n");
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] as string;
        if (!regex.test(line)) continue;
        count++;
        if (out.length < max) out.push(`${file.path}:${i + 1}: ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`);
      }
    }
    return done({ matches: out.join("\n"), count, truncated: count > out.length });
  }

  private async runCommand(input: Input<"run_command">, options: RunOptions): Promise<ToolRunResult> {
    const runtime = this.env.getRuntime?.() ?? null;
    if (!runtime) return fail("No runtime is ready yet, so commands cannot run. Try again in a moment or continue without running it.");
    const timeoutSeconds = input.timeoutSeconds ?? s.LIMITS.commandTimeoutSeconds;
    let output = "";
    const proc = runtime.spawn(input.command, {
      timeoutMs: timeoutSeconds * 1000,
      ...(options.signal ? { signal: options.signal } : {}),
      onOutput: (chunk) => {
        output += chunk.data;
        options.onOutput?.(chunk.data);
      },
    });
    const status = await proc.exit;
    const capped = capHeadTail(stripAnsi(output), s.LIMITS.commandOutputChars);
    return done({
      exitCode: status.exitCode,
      ...(status.killed ? { killed: status.killed } : {}),
      durationMs: status.durationMs,
      output: capped.text + (status.killed === "timeout" ? `\n[killed after the ${timeoutSeconds} s timeout]` : ""),
      truncated: capped.truncated,
    });
  }

  private async readDiagnostics(input: Input<"read_diagnostics">): Promise<ToolRunResult> {
    const provider = this.env.diagnostics;
    if (!provider) return done({ problems: [], available: false });
    let path: string | undefined;
    if (input.path) {
      const p = normalizePath(input.path);
      if (!p.ok) return fail(p.error.message);
      path = p.value;
    }
    return done({ problems: (await provider.read(path)).slice(0, 200), available: true });
  }

  private async readPreviewErrors(): Promise<ToolRunResult> {
    const provider = this.env.previewErrors;
    if (!provider) return done({ errors: [], available: false });
    return done({ errors: (await provider.read()).slice(-50), available: true });
  }

  private staleMessage(path: string, currentVersion: number): string | null {
    const seen = this.seen.get(path);
    if (seen === undefined || seen === currentVersion) return null;
    const since = this.env.project.changesSince(seen)?.filter((e) => "path" in e.op && e.op.path === path) ?? [];
    const who = since.at(-1)?.origin === "user" ? " by the user" : "";
    return `"${path}" was changed${who} since you last read it. Nothing was written. Read it again, then redo the change.`;
  }

  private change(path: string, before: string, after: string, created: boolean): s.FileChangeOutput {
    const d = lineDiff(before, after);
    return { path, created, linesAdded: d.added, linesRemoved: d.removed, totalLines: countLines(after), diff: d.diff };
  }
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "");
}
