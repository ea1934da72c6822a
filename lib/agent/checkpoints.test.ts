import { describe, expect, it } from "vitest";
import { Project } from "@/lib/project";
import { Checkpoints } from "./checkpoints";

const text = (p: Project, path: string) => {
  const r = p.read(path);
  return r.ok ? r.value.content : null;
};

describe("Checkpoints", () => {
  it("restores to before a turn, and the restore can be undone", () => {
    const project = new Project({ files: [["a.js", "one"]] });
    const checkpoints = new Checkpoints(project);
    checkpoints.begin("t1");
    project.write("a.js", "two", { origin: "agent" });
    project.write("b.js", "new", { origin: "agent" });
    expect(checkpoints.restore("t1")).toBe(2);
    expect(text(project, "a.js")).toBe("one");
    expect(project.hasFile("b.js")).toBe(false);
    expect(checkpoints.undoRestore()).toBe(2);
    expect(text(project, "a.js")).toBe("two");
    expect(text(project, "b.js")).toBe("new");
    expect(checkpoints.lastRestore()).toBeNull();
  });

  it("keeps the first snapshot of a turn and ignores unknown turns", () => {
    const project = new Project({ files: [["a.js", "one"]] });
    const checkpoints = new Checkpoints(project);
    checkpoints.begin("t1");
    project.write("a.js", "two", { origin: "agent" });
    checkpoints.begin("t1");
    checkpoints.restore("t1");
    expect(text(project, "a.js")).toBe("one");
    expect(checkpoints.restore("nope")).toBeNull();
  });
});
