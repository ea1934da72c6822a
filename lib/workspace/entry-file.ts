// The file a project opens with the first time, when nothing was open before: a first look at a new project should
// be its code, not "No file is open". The template's own entry when the project came from one, else what a person
// would open first (README, then the usual entry points), else the first file.
import type { Project } from "@/lib/project";
import { TEMPLATES } from "@/lib/templates";

const USUAL = ["README.md", "readme.md", "README", "index.html", "src/main.ts", "src/main.js", "src/index.ts", "src/index.js", "index.ts", "index.js", "main.py", "package.json"];

export function entryFile(project: Pick<Project, "hasFile" | "listFiles">, templateId?: string): string | null {
  const template = TEMPLATES.find((t) => t.id === templateId);
  if (template && project.hasFile(template.entry)) return template.entry;
  for (const path of USUAL) if (project.hasFile(path)) return path;
  const files = project.listFiles().map((f) => f.path).sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
  return files[0] ?? null;
}
