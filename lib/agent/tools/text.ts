// Small text kernels the tools share: numbered pages, capped output, glob matching, diffs for the inline view.
import { structuredPatch } from "diff";

export function numberLines(lines: readonly string[], firstLine: number): string {
  return lines.map((line, i) => `${firstLine + i}\t${line}`).join("\n");
}

/** Keeps the head and the tail of long output and says what was cut, so the model knows it saw part of it. */
export function capHeadTail(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const head = Math.floor(maxChars * 0.4);
  const tail = maxChars - head;
  const cut = text.length - head - tail;
  return {
    text: `${text.slice(0, head)}\n… [${cut} characters cut: output is capped at ${maxChars} characters, head and tail kept] …\n${text.slice(-tail)}`,
    truncated: true,
  };
}

/** Glob → RegExp: `**` any folders, `*` within a name, `?` one character, `{a,b}` alternatives. A pattern without "/"
 * matches the file name anywhere ("*.ts"), like most tools do. */
export function globToRegExp(glob: string): RegExp {
  const anywhere = !glob.includes("/");
  let out = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        out += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "{") {
      braces++;
      out += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      out += ")";
    } else if (c === "," && braces > 0) out += "|";
    else out += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(anywhere ? `(?:^|/)${out}$` : `^${out}$`);
}

export interface LineDiff {
  diff: string;
  added: number;
  removed: number;
}

/** Unified hunks (no file header), capped for display. */
export function lineDiff(before: string, after: string, maxLines = 400): LineDiff {
  const patch = structuredPatch("a", "b", before, after, "", "", { context: 2 });
  let added = 0;
  let removed = 0;
  const out: string[] = [];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    for (const line of hunk.lines) {
      if (line.startsWith("+")) added++;
      else if (line.startsWith("-")) removed++;
      if (!line.startsWith("\\")) out.push(line);
    }
  }
  const diff = out.length > maxLines ? `${out.slice(0, maxLines).join("\n")}\n… ${out.length - maxLines} more lines` : out.join("\n");
  return { diff, added, removed };
}

export function countLines(text: string): number {
  if (text === "") return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}
