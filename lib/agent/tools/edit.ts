// Exact search/replace, all edits of a call or none. A kernel: data in, data out. A miss or an ambiguous match is an
// error that shows where the text most nearly occurs, so the model can correct itself instead of looping.
export interface SearchReplace {
  search: string;
  replace: string;
  replaceAll?: boolean;
}

export type EditOutcome =
  | { ok: true; content: string; replacements: number }
  | { ok: false; message: string };

export function applyEdits(original: string, edits: readonly SearchReplace[]): EditOutcome {
  // Files with CRLF endings are matched as if they had LF, and written back with CRLF, so models need not guess.
  const crlf = original.includes("\r\n");
  let content = crlf ? original.replace(/\r\n/g, "\n") : original;
  let replacements = 0;
  for (const [index, edit] of edits.entries()) {
    const label = edits.length > 1 ? `Edit ${index + 1} of ${edits.length}: ` : "";
    const search = crlf ? edit.search.replace(/\r\n/g, "\n") : edit.search;
    const replace = crlf ? edit.replace.replace(/\r\n/g, "\n") : edit.replace;
    if (search === "") return { ok: false, message: `${label}the search text is empty.` };
    const count = countOccurrences(content, search);
    if (count === 0) {
      return { ok: false, message: `${label}the search text was not found. No edit was applied.${describeCandidates(content, search)}` };
    }
    if (count > 1 && !edit.replaceAll) {
      const at = occurrenceLines(content, search);
      return {
        ok: false,
        message:
          `${label}the search text occurs ${count} times (at lines ${at.slice(0, 5).join(", ")}${count > 5 ? ", …" : ""}). Include more ` +
          `surrounding lines so it matches exactly once, or set replaceAll. No edit was applied.${describeOccurrences(content, search, at)}`,
      };
    }
    // split/join: no `$&`-style replacement patterns, every occurrence when replaceAll.
    content = count === 1 ? replaceOnce(content, search, replace) : content.split(search).join(replace);
    replacements += count;
  }
  if (content.trim() === "" && original.trim() !== "")
    return { ok: false, message: "These edits would leave the file empty. Use delete_path to delete a file. No edit was applied." };
  return { ok: true, content: crlf ? content.replace(/\n/g, "\r\n") : content, replacements };
}

function replaceOnce(text: string, search: string, replace: string): string {
  const at = text.indexOf(search);
  return text.slice(0, at) + replace + text.slice(at + search.length);
}

export function countOccurrences(text: string, search: string): number {
  let count = 0;
  for (let at = text.indexOf(search); at !== -1; at = text.indexOf(search, at + search.length)) count++;
  return count;
}

function occurrenceLines(text: string, search: string): number[] {
  const lines: number[] = [];
  for (let at = text.indexOf(search); at !== -1; at = text.indexOf(search, at + search.length))
    lines.push(text.slice(0, at).split("\n").length);
  return lines;
}

/** The up-to-3 windows of the file most similar to the search text, with line numbers, as a hint for the model. */
export function closestCandidates(content: string, search: string, limit = 3): Array<{ line: number; text: string; score: number }> {
  const fileLines = content.split("\n");
  const searchLines = search.replace(/\n$/, "").split("\n");
  const size = Math.max(1, searchLines.length);
  const wanted = searchLines.map(normalize);
  const scored: Array<{ line: number; text: string; score: number }> = [];
  const lastStart = Math.max(0, fileLines.length - size);
  for (let start = 0; start <= lastStart; start++) {
    const window = fileLines.slice(start, start + size);
    let score = 0;
    for (let i = 0; i < size; i++) score += similarity(wanted[i] ?? "", normalize(window[i] ?? ""));
    scored.push({ line: start + 1, text: window.join("\n"), score: score / size });
  }
  scored.sort((a, b) => b.score - a.score || a.line - b.line);
  const picked: typeof scored = [];
  for (const candidate of scored) {
    if (candidate.score < 0.3 || picked.length >= limit) break;
    if (picked.some((p) => Math.abs(p.line - candidate.line) < size)) continue;
    picked.push(candidate);
  }
  return picked;
}

/** The first three matches of an ambiguous search with a line of context each side, numbered, so the model can
 * tell them apart and extend its search text with lines that make it unique. */
function describeOccurrences(content: string, search: string, at: readonly number[]): string {
  const fileLines = content.split("\n");
  const size = search.replace(/\n$/, "").split("\n").length;
  const shown = at.slice(0, 3).map((line, i) => {
    const from = Math.max(1, line - 1);
    const to = Math.min(fileLines.length, line + size);
    const numbered = fileLines
      .slice(from - 1, to)
      .map((text, j) => `${from + j}\t${text}`)
      .join("\n");
    return `--- candidate ${i + 1} of ${at.length}, at line ${line}:\n${numbered.slice(0, 1500)}`;
  });
  return `\n${shown.join("\n")}`;
}

function describeCandidates(content: string, search: string): string {
  const candidates = closestCandidates(content, search);
  if (candidates.length === 0) return " Nothing in the file resembles it: read the file again.";
  const shown = candidates.map((c) => {
    const numbered = c.text
      .split("\n")
      .map((text, i) => `${c.line + i}\t${text}`)
      .join("\n");
    return `--- closest match at line ${c.line} (${Math.round(c.score * 100)}% similar):\n${numbered.slice(0, 1500)}`;
  });
  const whitespaceOnly = candidates[0] && normalize(candidates[0].text) === normalize(search.replace(/\n$/, ""));
  return `${whitespaceOnly ? " It differs from the file only in whitespace." : ""}\n${shown.join("\n")}`;
}

function normalize(line: string): string {
  return line.replace(/\s+/g, " ").trim();
}

/** Dice coefficient over character bigrams: cheap, order-tolerant, good enough to point at the right lines. */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}
