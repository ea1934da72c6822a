import { describe, expect, it } from "vitest";
import { Project } from "@/lib/project";
import { applyRuntimeOps, fromRuntimeCwd, toRuntimeCwd, toSyncOps } from "./offline-runtime";
import { MemFs } from "./mem-fs";

describe("project ↔ runtime sync", () => {
  it("applies runtime changes as origin runtime, skipping no-ops and node_modules", () => {
    const project = new Project({ files: [["a.txt", "same"]] });
    const origins: string[] = [];
    project.subscribe((e) => origins.push(e.origin));
    const changed = applyRuntimeOps(
      project,
      [
        { type: "write", path: "a.txt", content: "same" },
        { type: "write", path: "out/report.txt", content: "ok" },
        { type: "write", path: "node_modules/x/index.js", content: "" },
        { type: "delete", path: "gone.txt" },
      ],
      "b1",
    );
    expect(changed).toEqual(["out/report.txt"]);
    expect(origins).toEqual(["runtime"]);
    expect(project.read("out/report.txt")).toMatchObject({ ok: true });
  });

  it("turns a rename into a delete and the files' new contents", () => {
    const project = new Project({ files: [["src/a.ts", "A"]] });
    let ops: ReturnType<typeof toSyncOps> = [];
    project.subscribe((e) => (ops = toSyncOps(project, e)));
    project.rename("src", "lib", { origin: "user" });
    expect(ops).toEqual([
      { type: "delete", path: "src" },
      { type: "write", path: "lib/a.ts", content: "A" },
    ]);
  });

  it("maps working folders", () => {
    expect(toRuntimeCwd("")).toBe("/project");
    expect(toRuntimeCwd("src/")).toBe("/project/src");
    expect(toRuntimeCwd("/tmp")).toBe("/tmp");
    expect(fromRuntimeCwd("/project/src")).toBe("src");
    expect(fromRuntimeCwd("/project")).toBe("");
  });

  it("MemFs records command changes but not external ones", () => {
    const fs = new MemFs();
    fs.external(() => fs.writeDeepSync("/project/a", "1"));
    expect(fs.takeTouched()).toEqual([]);
    fs.writeSync("/project/b", "2");
    fs.rmSync("/project/a");
    expect(fs.takeTouched().sort()).toEqual(["/project/a", "/project/b"]);
  });
});
