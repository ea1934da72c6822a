// The agent's tools, defined once. The server route hands them to the model (without `execute`: they run in the
// browser); the browser runner validates inputs with the same schemas and returns outputs of these shapes.
import { z } from "zod";

export const LIMITS = {
  /** read_file returns at most this many lines per call; the model pages with startLine/endLine. */
  readLines: 2_000,
  /** …and at most this many characters. */
  readChars: 100_000,
  listEntries: 500,
  searchResults: 50,
  searchResultsMax: 200,
  /** run_command keeps this many characters of output: the head and the tail, with the cut stated. */
  commandOutputChars: 12_000,
  commandTimeoutSeconds: 60,
  commandTimeoutSecondsMax: 300,
  writeChars: 1_000_000,
} as const;

const path = z.string().min(1).max(1024).describe('Project-relative POSIX path, e.g. "src/index.ts".');

export const listFilesInput = z.object({
  path: z.string().max(1024).optional().describe('Folder to list; omit for the project root.'),
  depth: z.number().int().min(1).max(12).optional().describe("How many folder levels to descend (default 6)."),
});
export const listFilesOutput = z.object({
  tree: z.string().describe("One entry per line, indented by depth; folders end with /, files show their size."),
  files: z.number(),
  truncated: z.boolean(),
});

export const readFileInput = z.object({
  path,
  startLine: z.number().int().min(1).optional().describe("First line to return (1-based, default 1)."),
  endLine: z.number().int().min(1).optional().describe("Last line to return, inclusive."),
});
export const readFileOutput = z.object({
  path: z.string(),
  /** Lines prefixed with their number and a tab: "12\tconst x = 1;". */
  content: z.string(),
  startLine: z.number(),
  endLine: z.number(),
  totalLines: z.number(),
  truncated: z.boolean(),
});

export const writeFileInput = z.object({
  path,
  content: z.string().max(LIMITS.writeChars).describe("The complete new file content."),
});

export const editFileInput = z.object({
  path,
  edits: z
    .array(
      z.object({
        search: z.string().min(1).describe("Exact text to find, including whitespace. Must occur exactly once."),
        replace: z.string().describe("Text that replaces it."),
        replaceAll: z.boolean().optional().describe("Replace every occurrence instead of requiring exactly one."),
      }),
    )
    .min(1)
    .max(50),
});

/** What write_file and edit_file return. `diff` is for the person (inline diff); the model sees the summary only. */
export const fileChangeOutput = z.object({
  path: z.string(),
  created: z.boolean(),
  linesAdded: z.number(),
  linesRemoved: z.number(),
  totalLines: z.number(),
  diff: z.string().optional(),
});

export const deletePathInput = z.object({ path });
export const renamePathInput = z.object({ from: path, to: path });
export const pathChangeOutput = z.object({ message: z.string() });

export const searchInput = z.object({
  pattern: z.string().min(1).max(1000).describe("JavaScript regular expression matched against each line."),
  glob: z.string().max(300).optional().describe('Only files whose path matches, e.g. "src/**/*.ts" or "*.{js,json}".'),
  caseSensitive: z.boolean().optional(),
  maxResults: z.number().int().min(1).max(LIMITS.searchResultsMax).optional(),
});
export const searchOutput = z.object({
  matches: z.string().describe('One match per line: "path:line: text".'),
  count: z.number(),
  truncated: z.boolean(),
});

export const runCommandInput = z.object({
  command: z.string().min(1).max(4000).describe('A shell command line run at the project root, e.g. "npm test".'),
  timeoutSeconds: z.number().int().min(1).max(LIMITS.commandTimeoutSecondsMax).optional(),
});
export const runCommandOutput = z.object({
  exitCode: z.number(),
  killed: z.enum(["timeout", "signal"]).optional(),
  durationMs: z.number(),
  output: z.string(),
  truncated: z.boolean(),
});

export const readDiagnosticsInput = z.object({
  path: z.string().max(1024).optional().describe("Only problems in this file; omit for all files."),
});
export const diagnostic = z.object({
  path: z.string(),
  line: z.number(),
  column: z.number(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  source: z.string().optional(),
});
export const readDiagnosticsOutput = z.object({ problems: z.array(diagnostic), available: z.boolean() });

export const readPreviewErrorsInput = z.object({});
export const previewError = z.object({ message: z.string(), source: z.string().optional(), at: z.number().optional() });
export const readPreviewErrorsOutput = z.object({ errors: z.array(previewError), available: z.boolean() });

export type Diagnostic = z.infer<typeof diagnostic>;
export type PreviewError = z.infer<typeof previewError>;
export type FileChangeOutput = z.infer<typeof fileChangeOutput>;
export type RunCommandOutput = z.infer<typeof runCommandOutput>;
