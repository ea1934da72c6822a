// What a tool call's card says about it, in words: running, done or failed. Pure, so the wording is tested here and
// the card (components/assistant/ToolCard.tsx) only renders it.

type Fields = Record<string, unknown>;

const plural = (n: unknown, one: string, many = `${one}s`) => `${String(n ?? 0)} ${Number(n) === 1 ? one : many}`;

/** One line for the card's header. */
export function describeToolCall(tool: string, input: Fields, output: Fields, state: string): string {
  const p = String(input.path ?? "");
  if (state === "output-error" || state === "output-denied") return describeFailure(tool, input, p);
  const done = state === "output-available";
  switch (tool) {
    case "list_files":
      return done ? `Listed ${plural(output.files, "file")}` : "Listing files";
    case "read_file":
      return done ? `Read ${p}${input.startLine ? ` lines ${input.startLine}–${output.endLine}` : ""}` : `Reading ${p}`;
    case "write_file":
      return done ? `${output.created ? "Created" : "Wrote"} ${p} (+${output.linesAdded} −${output.linesRemoved})` : `Writing ${p}`;
    case "edit_file":
      return done ? `Edited ${p} (+${output.linesAdded} −${output.linesRemoved})` : `Editing ${p}`;
    case "delete_path":
      return done ? `Deleted ${p}` : `Deleting ${p}`;
    case "rename_path":
      return `${done ? "Renamed" : "Renaming"} ${String(input.from ?? "")} → ${String(input.to ?? "")}`;
    case "search":
      return done ? `Searched /${String(input.pattern ?? "")}/ — ${plural(output.count, "match", "matches")}` : `Searching /${String(input.pattern ?? "")}/`;
    case "run_command":
      return `$ ${String(input.command ?? "")}${done ? ` — exit ${output.exitCode}` : ""}`;
    case "read_diagnostics":
      return done ? `Read problems (${Array.isArray(output.problems) ? output.problems.length : 0})` : "Reading problems";
    case "read_preview_errors":
      return done ? `Read preview errors (${Array.isArray(output.errors) ? output.errors.length : 0})` : "Reading preview errors";
    default:
      return `Unknown tool "${tool}"`;
  }
}

/** A failed call says what failed, never "…ing" as if it still ran. */
function describeFailure(tool: string, input: Fields, p: string): string {
  switch (tool) {
    case "list_files":
      return "Could not list files";
    case "read_file":
      return `Could not read ${p}`;
    case "write_file":
      return `Could not write ${p}`;
    case "edit_file":
      return `Edit of ${p} failed`;
    case "delete_path":
      return `Could not delete ${p}`;
    case "rename_path":
      return `Could not rename ${String(input.from ?? "")} → ${String(input.to ?? "")}`;
    case "search":
      return `Search /${String(input.pattern ?? "")}/ failed`;
    case "run_command":
      return `$ ${String(input.command ?? "")} — failed`;
    case "read_diagnostics":
      return "Could not read problems";
    case "read_preview_errors":
      return "Could not read preview errors";
    default:
      return `Unknown tool "${tool}"`;
  }
}

/** The search text of the edit that failed ("Edit 2 of 3: …" names it; a single edit is the one), or null. */
export function failedSearch(input: Fields, errorText: string | undefined): string | null {
  const edits = Array.isArray(input.edits) ? (input.edits as Array<{ search?: unknown }>) : [];
  const which = /^Edit (\d+) of \d+:/.exec(errorText ?? "");
  const edit = which ? edits[Number(which[1]) - 1] : edits.length === 1 ? edits[0] : undefined;
  return typeof edit?.search === "string" ? edit.search : null;
}
