// The tool set as the model sees it: descriptions, input schemas, output schemas, and how an output is shown to the
// model (`toModelOutput`: plain text where JSON escaping would waste tokens; the inline diff is for people only).
// No `execute`: every tool runs in the browser (lib/agent/tools/runner.ts). Shared by the route and the browser, so the
// UI message type is derived from these definitions and tool parts are typed end to end.
import { tool, type InferUITools } from "ai";
import * as s from "./schemas";

export const agentTools = {
  list_files: tool({
    description:
      "List the project's files as a tree with sizes. Skips node_modules, .git and build output. Use it first to orient.",
    inputSchema: s.listFilesInput,
    outputSchema: s.listFilesOutput,
    toModelOutput: ({ output }) => ({
      type: "text",
      value: `${output.tree}\n(${output.files} files${output.truncated ? ", list truncated" : ""})`,
    }),
  }),
  read_file: tool({
    description:
      "Read a text file with numbered lines (\"12\\tcode\"). Large files are returned in pages: pass startLine/endLine. " +
      "Line numbers are for reference only; never include them in edits.",
    inputSchema: s.readFileInput,
    outputSchema: s.readFileOutput,
    toModelOutput: ({ output }) => ({
      type: "text",
      value:
        `${output.path} lines ${output.startLine}-${output.endLine} of ${output.totalLines}` +
        `${output.truncated ? " (more: read again with startLine)" : ""}\n${output.content}`,
    }),
  }),
  write_file: tool({
    description:
      "Create a file or replace a file's whole content. Prefer edit_file for changes to existing files. Write the " +
      "complete content: never leave placeholders such as \"rest unchanged\".",
    inputSchema: s.writeFileInput,
    outputSchema: s.fileChangeOutput,
    toModelOutput: ({ output }) => ({ type: "text", value: describeFileChange(output) }),
  }),
  edit_file: tool({
    description:
      "Change an existing file by exact search/replace. Each search text must match the current file exactly once " +
      "(whitespace included) unless replaceAll is set. All edits of one call apply together or not at all; a missing " +
      "or ambiguous match is reported with the closest candidates and nothing is changed.",
    inputSchema: s.editFileInput,
    outputSchema: s.fileChangeOutput,
    toModelOutput: ({ output }) => ({ type: "text", value: describeFileChange(output) }),
  }),
  delete_path: tool({
    description: "Delete a file, or a folder with everything in it.",
    inputSchema: s.deletePathInput,
    outputSchema: s.pathChangeOutput,
  }),
  rename_path: tool({
    description: "Rename or move a file or folder. Never overwrites an existing path.",
    inputSchema: s.renamePathInput,
    outputSchema: s.pathChangeOutput,
  }),
  search: tool({
    description:
      "Search file contents with a regular expression (line by line), optionally only in files matching a glob. " +
      "Results are capped.",
    inputSchema: s.searchInput,
    outputSchema: s.searchOutput,
    toModelOutput: ({ output }) => ({
      type: "text",
      value: output.count === 0 ? "No matches." : `${output.matches}${output.truncated ? "\n(more matches not shown)" : ""}`,
    }),
  }),
  run_command: tool({
    description:
      "Run a shell command at the project root in the project's runtime (e.g. \"npm test\", \"node index.js\"). Has a " +
      "timeout; long output keeps its beginning and end. Use it to check your work: run the tests.",
    inputSchema: s.runCommandInput,
    outputSchema: s.runCommandOutput,
    toModelOutput: ({ output }) => ({
      type: "text",
      value:
        `exit code ${output.exitCode}${output.killed ? ` (killed: ${output.killed})` : ""}, ` +
        `${Math.round(output.durationMs)} ms\n${output.output}`,
    }),
  }),
  read_diagnostics: tool({
    description: "Read the editor's current TypeScript/JavaScript problems (errors and warnings), optionally for one file.",
    inputSchema: s.readDiagnosticsInput,
    outputSchema: s.readDiagnosticsOutput,
  }),
  read_preview_errors: tool({
    description: "Read errors reported by the running preview (uncaught exceptions, console errors, failed loads).",
    inputSchema: s.readPreviewErrorsInput,
    outputSchema: s.readPreviewErrorsOutput,
  }),
};

export type AgentTools = typeof agentTools;
export type AgentToolName = keyof AgentTools;
export type AgentUITools = InferUITools<AgentTools>;

export const TOOL_NAMES = Object.keys(agentTools) as AgentToolName[];

/** Tools that only look: several of them in one step run concurrently. Everything else runs in the order given. */
export const READ_ONLY_TOOLS: ReadonlySet<string> = new Set<AgentToolName>([
  "list_files",
  "read_file",
  "search",
  "read_diagnostics",
  "read_preview_errors",
]);

export function isAgentToolName(name: string): name is AgentToolName {
  return Object.hasOwn(agentTools, name);
}

function describeFileChange(output: s.FileChangeOutput): string {
  return (
    `${output.created ? "Created" : "Updated"} ${output.path}: +${output.linesAdded} -${output.linesRemoved} lines, ` +
    `${output.totalLines} lines now.`
  );
}
