// A whole project as a .zip and back: what Home's import and the workspace's export button use.
import type { Project } from "../project";
import { ancestors } from "../project/paths";
import type { Result } from "../project/result";
import { exportZip, zipBaseName } from "./export";

/** Folders with no files in them: the only folders a zip must list explicitly. */
export function emptyDirs(project: Project): string[] {
  const implied = new Set<string>();
  const files = project.listFiles();
  for (const file of files) for (const dir of ancestors(file.path)) implied.add(dir);
  return project.listDirs().filter((dir) => !implied.has(dir));
}

/** The project's saved files, wrapped in one folder named after the project (import strips it again). */
export function projectToZip(project: Project, projectName: string): Result<Uint8Array> {
  return exportZip({
    files: project.listFiles().map((f) => [f.path, f.content] as const),
    dirs: emptyDirs(project),
    rootFolder: projectName,
  });
}

export function zipFileName(projectName: string): string {
  return `${zipBaseName(projectName)}.zip`;
}

/** A project name from an uploaded file's name: "my-app (1).zip" → "my-app (1)". */
export function projectNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.zip$/i, "").trim();
  return (base || "Imported project").slice(0, 120);
}
