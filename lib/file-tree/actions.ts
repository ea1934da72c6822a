// What the file tree does to a project. Every change goes through Project with origin "user"; errors come back as
// values the tree shows inline ("already exists", "invalid name").
import type { ChangeEvent, Project, Snapshot } from "../project";
import { basename, dirname, joinPath, validateName } from "../project/paths";
import { err, ok, type Result } from "../project/result";
import { moveDestination } from "./tree-model";

const USER = { origin: "user" } as const;

export function createEntry(project: Project, folder: string, name: string, kind: "file" | "folder"): Result<ChangeEvent> {
  const valid = validateName(name);
  if (!valid.ok) return valid;
  const path = joinPath(folder, valid.value);
  return kind === "file" ? project.create(path, "", USER) : project.mkdir(path, USER);
}

export function renameEntry(project: Project, path: string, newName: string): Result<ChangeEvent> {
  const valid = validateName(newName);
  if (!valid.ok) return valid;
  if (valid.value === basename(path)) return err("invalid-input", "The name is unchanged.", path);
  return project.rename(path, joinPath(dirname(path), valid.value), USER);
}

export function moveEntry(project: Project, from: string, folder: string): Result<ChangeEvent> {
  const to = moveDestination(from, folder);
  if (to === null) return err("invalid-input", `"${basename(from)}" is already in that folder.`, from);
  return project.rename(from, to, USER);
}

export function deleteEntry(project: Project, path: string): Result<ChangeEvent> {
  return project.delete(path, USER);
}

/**
 * Undo of a delete: puts back what was at `path` in `before` (the project just before the delete). Only that path is
 * touched — edits made elsewhere since stay — and nothing that exists again at a path is overwritten.
 */
export function restoreDeleted(project: Project, before: Snapshot, path: string): Result<number> {
  let restored = 0;
  const batch = `undo-delete:${path}:${Date.now()}`;
  const inside = (p: string) => p === path || p.startsWith(`${path}/`);
  for (const dir of before.dirs) if (inside(dir) && !project.isDir(dir) && !project.hasFile(dir)) project.mkdir(dir, { ...USER, batch });
  for (const [p, node] of before.files) {
    if (!inside(p) || project.hasFile(p) || project.isDir(p)) continue;
    const result = project.write(p, node.content, { ...USER, batch, baseVersion: 0 });
    if (!result.ok) return result;
    restored++;
  }
  if (restored === 0 && !project.isDir(path)) return err("not-found", `Nothing to restore at “${basename(path)}”.`, path);
  return ok(restored);
}

/** How many files a delete would remove (for the confirmation). */
export function countFilesUnder(project: Project, path: string): number {
  if (project.hasFile(path)) return 1;
  let count = 0;
  for (const file of project.listFiles()) if (file.path.startsWith(`${path}/`)) count++;
  return count;
}
