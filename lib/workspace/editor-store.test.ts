import { describe, expect, it } from "vitest";
import { Project } from "@/lib/project";
import { createEditorStore, toPersistedState } from "./editor-store";

function setup(files: Record<string, string> = { "src/a.ts": "export const a = 1;\n", "src/b.ts": "b", "README.md": "# hi" }) {
  const project = new Project({ files: Object.entries(files) });
  const store = createEditorStore();
  const detach = store.getState().attach(project);
  return { project, store, s: () => store.getState(), detach };
}

const version = (project: Project, path: string) => {
  const node = project.read(path);
  if (!node.ok) throw new Error(node.error.message);
  return node.value.version;
};

describe("tabs", () => {
  it("opens, activates, and does not duplicate", () => {
    const { s } = setup();
    expect(s().openFile("src/a.ts").ok).toBe(true);
    s().openFile("README.md");
    s().openFile("src/a.ts");
    expect(s().tabs).toEqual(["src/a.ts", "README.md"]);
    expect(s().active).toBe("src/a.ts");
  });

  it("refuses paths that are not files", () => {
    const { s } = setup();
    expect(s().openFile("nope.ts")).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(s().openFile("src")).toMatchObject({ ok: false, error: { code: "is-a-directory" } });
    expect(s().tabs).toEqual([]);
  });

  it("records a reveal request for line/column and consumes it once", () => {
    const { s } = setup();
    s().openFile("src/a.ts", { line: 3, column: 5 });
    const reveal = s().reveal;
    expect(reveal).toMatchObject({ path: "src/a.ts", line: 3, column: 5 });
    s().consumeReveal(reveal!.nonce + 1);
    expect(s().reveal).not.toBeNull();
    s().consumeReveal(reveal!.nonce);
    expect(s().reveal).toBeNull();
  });

  it("closing the active tab activates its right neighbour, else the left one", () => {
    const { s } = setup();
    for (const path of ["src/a.ts", "src/b.ts", "README.md"]) s().openFile(path);
    s().setActive("src/b.ts");
    s().closeFile("src/b.ts");
    expect(s().active).toBe("README.md");
    s().closeFile("README.md");
    expect(s().active).toBe("src/a.ts");
    s().closeFile("src/a.ts");
    expect(s().active).toBeNull();
  });

  it("reorders", () => {
    const { s } = setup();
    for (const path of ["src/a.ts", "src/b.ts", "README.md"]) s().openFile(path);
    s().reorder("README.md", 0);
    expect(s().tabs).toEqual(["README.md", "src/a.ts", "src/b.ts"]);
    s().reorder("README.md", 99);
    expect(s().tabs).toEqual(["src/a.ts", "src/b.ts", "README.md"]);
    s().reorder("missing", 0);
    expect(s().tabs).toEqual(["src/a.ts", "src/b.ts", "README.md"]);
  });
});

describe("drafts and saving", () => {
  it("a draft equal to the saved text is no draft", () => {
    const { s, project } = setup();
    const v = version(project, "src/b.ts");
    s().editDraft("src/b.ts", "bb", v);
    expect(s().drafts["src/b.ts"]).toEqual({ content: "bb", baseVersion: v });
    s().editDraft("src/b.ts", "b", v);
    expect(s().drafts).toEqual({});
  });

  it("saves with the base version and clears the draft", () => {
    const { s, project } = setup();
    s().openFile("src/b.ts");
    s().editDraft("src/b.ts", "changed", version(project, "src/b.ts"));
    const saved = s().save("src/b.ts");
    expect(saved.ok).toBe(true);
    expect(project.read("src/b.ts")).toMatchObject({ ok: true, value: { content: "changed" } });
    expect(s().drafts).toEqual({});
    expect(s().save("src/b.ts")).toEqual({ ok: true, value: null });
  });

  it("an outside change under a draft is a conflict, and a stale save never overwrites", () => {
    const { s, project } = setup();
    s().openFile("src/b.ts");
    s().editDraft("src/b.ts", "mine", version(project, "src/b.ts"));
    project.write("src/b.ts", "theirs", { origin: "agent" });
    expect(s().conflicts["src/b.ts"]).toMatchObject({ kind: "changed", origin: "agent" });
    expect(s().save("src/b.ts")).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(project.read("src/b.ts")).toMatchObject({ value: { content: "theirs" } });
    expect(s().drafts["src/b.ts"]?.content).toBe("mine");
  });

  it("resolves a conflict with mine (overwrite on purpose)", () => {
    const { s, project } = setup();
    s().openFile("src/b.ts");
    s().editDraft("src/b.ts", "mine", version(project, "src/b.ts"));
    project.write("src/b.ts", "theirs", { origin: "agent" });
    expect(s().resolveConflict("src/b.ts", "mine").ok).toBe(true);
    expect(project.read("src/b.ts")).toMatchObject({ value: { content: "mine" } });
    expect(s().conflicts).toEqual({});
    expect(s().drafts).toEqual({});
  });

  it("resolves a conflict with theirs (drop the draft)", () => {
    const { s, project } = setup();
    s().openFile("src/b.ts");
    s().editDraft("src/b.ts", "mine", version(project, "src/b.ts"));
    project.write("src/b.ts", "theirs", { origin: "runtime" });
    s().resolveConflict("src/b.ts", "theirs");
    expect(s().drafts).toEqual({});
    expect(s().conflicts).toEqual({});
    expect(s().tabs).toEqual(["src/b.ts"]);
  });

  it("an outside write equal to the draft just makes it clean", () => {
    const { s, project } = setup();
    s().editDraft("src/b.ts", "same", version(project, "src/b.ts"));
    project.write("src/b.ts", "same", { origin: "agent" });
    expect(s().drafts).toEqual({});
    expect(s().conflicts).toEqual({});
  });

  it("deleting a file closes its clean tab but keeps a tab with a draft, marked deleted", () => {
    const { s, project } = setup();
    s().openFile("src/a.ts");
    s().openFile("src/b.ts");
    s().editDraft("src/b.ts", "keep me", version(project, "src/b.ts"));
    project.delete("src", { origin: "agent" });
    expect(s().tabs).toEqual(["src/b.ts"]);
    expect(s().conflicts["src/b.ts"]).toMatchObject({ kind: "deleted" });
    expect(s().save("src/b.ts").ok).toBe(false);
    expect(s().resolveConflict("src/b.ts", "mine").ok).toBe(true);
    expect(project.read("src/b.ts")).toMatchObject({ value: { content: "keep me" } });
  });

  it("follows renames of files and folders, keeping drafts current", () => {
    const { s, project } = setup();
    s().openFile("src/a.ts");
    s().editDraft("src/a.ts", "draft", version(project, "src/a.ts"));
    s().setView("src/a.ts", { line: 2, column: 3, scrollTop: 0, scrollLeft: 0 });
    project.rename("src", "lib", { origin: "user" });
    expect(s().tabs).toEqual(["lib/a.ts"]);
    expect(s().active).toBe("lib/a.ts");
    expect(s().views["lib/a.ts"]).toMatchObject({ line: 2 });
    expect(s().save("lib/a.ts").ok).toBe(true);
    expect(project.read("lib/a.ts")).toMatchObject({ value: { content: "draft" } });
  });
});

describe("problems", () => {
  it("sorts and counts", () => {
    const { s } = setup();
    s().setProblems([
      { path: "b.ts", line: 1, column: 1, severity: "warning", message: "w" },
      { path: "a.ts", line: 9, column: 1, severity: "error", message: "e2" },
      { path: "a.ts", line: 2, column: 1, severity: "error", message: "e1" },
      { path: "a.ts", line: 3, column: 1, severity: "info", message: "i" },
    ]);
    expect(s().problems.map((p) => p.message)).toEqual(["e1", "i", "e2", "w"]);
    expect(s().summary).toEqual({ errors: 2, warnings: 1 });
  });
});

describe("persistence", () => {
  it("round-trips through JSON and recomputes conflicts", () => {
    const { s, project } = setup();
    s().openFile("src/a.ts");
    s().openFile("README.md");
    s().editDraft("README.md", "# draft", version(project, "README.md"));
    s().setView("src/a.ts", { line: 1, column: 4, scrollTop: 10, scrollLeft: 0 });
    const saved = JSON.parse(JSON.stringify(toPersistedState(s())));
    project.write("README.md", "# changed elsewhere", { origin: "agent" });

    const other = createEditorStore();
    expect(other.getState().hydrate(saved).ok).toBe(true);
    other.getState().attach(project);
    expect(other.getState().tabs).toEqual(["src/a.ts", "README.md"]);
    expect(other.getState().active).toBe("README.md");
    expect(other.getState().views["src/a.ts"]).toMatchObject({ column: 4 });
    expect(other.getState().conflicts["README.md"]).toMatchObject({ kind: "changed" });
  });

  it("drops tabs of files that no longer exist and refuses malformed state", () => {
    const { s } = setup();
    expect(s().hydrate({ version: 1, tabs: ["gone.ts", "src/a.ts"], active: "gone.ts", drafts: {}, views: {} }).ok).toBe(true);
    expect(s().tabs).toEqual(["src/a.ts"]);
    expect(s().active).toBe("src/a.ts");
    expect(s().hydrate({ tabs: "x" }).ok).toBe(false);
    expect(s().hydrate(null).ok).toBe(true);
    expect(s().tabs).toEqual([]);
  });

  it("attaching another project starts clean unless a state was hydrated for it", () => {
    const { s } = setup();
    s().openFile("src/a.ts");
    const next = new Project({ files: [["x.ts", "x"]] });
    s().attach(next);
    expect(s().tabs).toEqual([]);
  });
});
