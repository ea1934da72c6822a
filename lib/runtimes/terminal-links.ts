// Finds "file:line[:column]" references in terminal output (stack traces, test failures, compiler errors) so the
// terminal can make them clickable and open the editor at that line.
export interface FileLink {
  /** Offsets in the line text. */
  start: number;
  end: number;
  /** Project-relative path. */
  path: string;
  line: number;
  column?: number;
}

const PATTERN = /(?:file:\/\/)?((?:\/|\.{1,2}\/)?[\w@.+-]+(?:\/[\w@.+-]+)*\.[A-Za-z0-9]+):(\d+)(?::(\d+))?/g;

/** `exists` decides what is a real project file; `cwd` is the terminal's project-relative folder. */
export function findFileLinks(text: string, exists: (path: string) => boolean, cwd = "", root = "/project"): FileLink[] {
  const links: FileLink[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const raw = m[1] as string;
    const path = toProjectPath(raw, cwd, root);
    if (!path || !exists(path)) continue;
    const start = m.index ?? 0;
    links.push({ start, end: start + m[0].length, path, line: Number(m[2]), ...(m[3] ? { column: Number(m[3]) } : {}) });
  }
  return links;
}

export function toProjectPath(raw: string, cwd: string, root = "/project"): string | null {
  let abs: string;
  if (raw.startsWith(`${root}/`)) abs = raw.slice(root.length + 1);
  else if (raw.startsWith("/")) return null;
  else abs = cwd && !cwd.startsWith("/") ? `${cwd}/${raw}` : raw;
  const parts: string[] = [];
  for (const part of abs.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (!parts.length) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length ? parts.join("/") : null;
}
