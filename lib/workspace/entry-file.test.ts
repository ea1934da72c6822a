import { describe, expect, it } from "vitest";
import { Project } from "@/lib/project";
import { TEMPLATES } from "@/lib/templates";
import { entryFile } from "./entry-file";

const project = (paths: string[]) => {
  const p = new Project();
  for (const path of paths) p.create(path, "x", { origin: "system" });
  return p;
};

describe("the file a project opens with", () => {
  it("is the template's entry for a project made from one", () => {
    for (const t of TEMPLATES) expect(entryFile(project(t.files.map(([p]) => p)), t.id), t.id).toBe(t.entry);
  });
  it("is the README, then a usual entry point, then the shallowest file", () => {
    expect(entryFile(project(["src/a.js", "README.md", "index.html"]))).toBe("README.md");
    expect(entryFile(project(["src/deep/x.js", "src/main.ts", "z.txt"]))).toBe("src/main.ts");
    expect(entryFile(project(["b/c/d.txt", "z.txt", "a/b.txt"]))).toBe("z.txt");
  });
  it("is nothing for an empty project, and a template entry the project no longer has is skipped", () => {
    expect(entryFile(project([]))).toBeNull();
    expect(entryFile(project(["README.md"]), "node-tests")).toBe("README.md");
  });
});
