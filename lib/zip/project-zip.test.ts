import { describe, expect, it } from "vitest";
import { Project } from "../project";
import { encodeContent } from "./content";
import { importZip } from "./import";
import { emptyDirs, projectNameFromFile, projectToZip, zipFileName } from "./project-zip";

describe("project ↔ zip", () => {
  it("round-trips a project (even one with a single top-level folder) byte for byte", () => {
    const binary = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff);
    const project = new Project({ files: [["src/index.ts", "export {};\n"], ["src/logo.png", binary]], dirs: ["src/empty"] });
    expect(emptyDirs(project)).toEqual(["src/empty"]);
    const zip = projectToZip(project, "Only src");
    if (!zip.ok) throw new Error(zip.error.message);
    const back = importZip(zip.value);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.strippedFolder).toBe("Only-src");
    const copy = new Project({ files: back.value.files, dirs: back.value.dirs });
    expect(copy.listFiles().map((f) => [f.path, encodeContent(f.content)])).toEqual(project.listFiles().map((f) => [f.path, encodeContent(f.content)]));
    expect(copy.listDirs()).toEqual(project.listDirs());
  });

  it("names files and projects sensibly", () => {
    expect(zipFileName("My App")).toBe("My-App.zip");
    expect(projectNameFromFile("my-app (1).ZIP")).toBe("my-app (1)");
    expect(projectNameFromFile(".zip")).toBe("Imported project");
  });
});
