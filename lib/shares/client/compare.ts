// Two versions side by side: which files were added, removed or changed (what the versions list's Compare shows
// before Monaco's diff editor opens one of them).
import type { FileContent } from "@/lib/project";

export type FileChange = { path: string; status: "added" | "removed" | "changed"; before: FileContent | null; after: FileContent | null };

function same(a: FileContent, b: FileContent): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
}

export function compareFiles(before: ReadonlyArray<readonly [string, FileContent]>, after: ReadonlyArray<readonly [string, FileContent]>): FileChange[] {
  const old = new Map(before);
  const changes: FileChange[] = [];
  for (const [path, content] of after) {
    const was = old.get(path);
    if (was === undefined) changes.push({ path, status: "added", before: null, after: content });
    else if (!same(was, content)) changes.push({ path, status: "changed", before: was, after: content });
    old.delete(path);
  }
  for (const [path, content] of old) changes.push({ path, status: "removed", before: content, after: null });
  return changes.sort((a, b) => (a.path < b.path ? -1 : 1));
}
