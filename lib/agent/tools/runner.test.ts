import { describe, expect, it } from "vitest";
import { Project } from "@/lib/project";
import type { RuntimeProcess, SpawnOptions } from "@/lib/runtimes/types";
import { ToolRunner } from "./runner";

function setup() {
  const project = new Project({
    files: [
      ["package.json", '{ "scripts": { "test": "node --test" } }\n'],
      ["src/math.js", "export function add(a, b) {\n  return a - b;\n}\n"],
      ["test/math.test.js", "import { add } from '../src/math.js';\n"],
      ["node_modules/x/index.js", "ignored"],
    ],
  });
  const spawned: string[] = [];
  const runtime = {
    spawn(command: string, options?: SpawnOptions): RuntimeProcess {
      spawned.push(command);
      options?.onOutput?.({ stream: "stdout", data: "\u001b[32mok\u001b[0m 1 passed\n" });
      return { exit: Promise.resolve({ exitCode: 0, durationMs: 12 }), kill() {} };
    },
  };
  const runner = new ToolRunner({ project, getRuntime: () => runtime });
  return { project, runner, spawned };
}

describe("ToolRunner", () => {
  it("lists files as a tree, skipping node_modules", async () => {
    const { runner } = setup();
    const result = await runner.run("list_files", {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const out = result.output as { tree: string; files: number };
    expect(out.files).toBe(3);
    expect(out.tree).toContain("src/\n  math.js (");
    expect(out.tree).not.toContain("node_modules");
  });

  it("reads numbered line ranges", async () => {
    const { runner } = setup();
    const result = await runner.run("read_file", { path: "src/math.js", startLine: 2, endLine: 2 });
    expect(result).toMatchObject({ ok: true, output: { content: "2\t  return a - b;", totalLines: 3, truncated: false } });
  });

  it("edits through the project with origin agent and a diff", async () => {
    const { runner, project } = setup();
    const origins: string[] = [];
    project.subscribe((e) => origins.push(e.origin));
    const result = await runner.run("edit_file", { path: "src/math.js", edits: [{ search: "a - b", replace: "a + b" }] }, { toolCallId: "c1" });
    expect(result).toMatchObject({ ok: true, output: { linesAdded: 1, linesRemoved: 1 } });
    const node = project.read("src/math.js");
    expect(node.ok && node.value.content).toContain("a + b");
    expect(origins).toEqual(["agent"]);
  });

  it("refuses an edit based on content the user changed since the agent read it", async () => {
    const { runner, project } = setup();
    await runner.run("read_file", { path: "src/math.js" });
    project.write("src/math.js", "export const add = (a, b) => a - b;\n", { origin: "user" });
    const result = await runner.run("edit_file", { path: "src/math.js", edits: [{ search: "a - b", replace: "a + b" }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/changed by the user since you last read it/);
    const node = project.read("src/math.js");
    expect(node.ok && node.value.content).toBe("export const add = (a, b) => a - b;\n");
  });

  it("turns bad input, unknown tools and path escapes into errors the model can act on", async () => {
    const { runner } = setup();
    expect(await runner.run("nope", {})).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown tool "nope"/) });
    expect(await runner.run("read_file", { path: 3 })).toMatchObject({ ok: false, error: expect.stringMatching(/Invalid input for read_file/) });
    expect(await runner.run("read_file", { path: "../etc/passwd" })).toMatchObject({ ok: false, error: expect.stringMatching(/leaves the project/) });
    expect(await runner.run("write_file", { path: "/abs.txt", content: "" })).toMatchObject({ ok: false });
    expect(await runner.run("search", { pattern: "(" })).toMatchObject({ ok: false, error: expect.stringMatching(/Invalid regular expression/) });
  });

  it("searches with a glob and caps results", async () => {
    const { runner } = setup();
    const result = await runner.run("search", { pattern: "add", glob: "src/**" });
    expect(result).toMatchObject({ ok: true, output: { count: 1, matches: "src/math.js:1: export function add(a, b) {" } });
  });

  it("runs commands in the runtime with a timeout and clean output", async () => {
    const { runner, spawned } = setup();
    const result = await runner.run("run_command", { command: "npm test" });
    expect(spawned).toEqual(["npm test"]);
    expect(result).toMatchObject({ ok: true, output: { exitCode: 0, output: "ok 1 passed\n", truncated: false } });
  });

  it("creates, renames and deletes", async () => {
    const { runner, project } = setup();
    expect(await runner.run("write_file", { path: "docs/a.md", content: "# A\n" })).toMatchObject({ ok: true, output: { created: true } });
    expect(await runner.run("rename_path", { from: "docs/a.md", to: "docs/b.md" })).toMatchObject({ ok: true });
    expect(await runner.run("delete_path", { path: "docs" })).toMatchObject({ ok: true });
    expect(project.hasFile("docs/b.md")).toBe(false);
  });
});
