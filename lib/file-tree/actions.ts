// What the file tree does to a project. Every change goes through Project with origin "user"; errors come back as
// values the tree shows inline ("already exists", "invalid name").
import type { ChangeEvent, Project } from "../project";
import { basename, dirname, joinPath, validateName } from "../project/paths";
import { err, type Result } from "../project/result";
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

/** How many files a delete would remove (for the confirmation). */
export function countFilesUnder(project: Project, path: string): number {
  if (project.hasFile(path)) return 1;
  let count = 0;
  for (const file of project.listFiles()) if (file.path.startsWith(`${path}/`)) count++;
  return count;
}
