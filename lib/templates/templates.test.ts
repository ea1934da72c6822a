import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { normalizePath, Project } from "../project";
import { getTemplate, TEMPLATES, templateIdSchema } from "./index";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeOut(id: Parameters<typeof getTemplate>[0]): string {
  const dir = mkdtempSync(path.join(tmpdir(), `tandem-${id}-`));
  dirs.push(dir);
  for (const [file, content] of getTemplate(id).files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe("templates", () => {
  it("offers the three templates with unique ids", () => {
    expect(TEMPLATES.map((t) => t.name)).toEqual(["Static site", "Node + tests", "Vite + React"]);
    for (const t of TEMPLATES) expect(templateIdSchema.parse(t.id)).toBe(t.id);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))("%s has valid, unique paths, an existing entry and loads into a Project", (_id, t) => {
    const paths = t.files.map(([p]) => p);
    for (const p of paths) expect(normalizePath(p)).toEqual({ ok: true, value: p });
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain(t.entry);
    const project = new Project({ files: t.files });
    expect(project.fileCount).toBe(t.files.length);
  });

  it("static site has index.html, style.css and script.js that reference each other", () => {
    const t = getTemplate("static-site");
    const files = new Map(t.files);
    expect([...files.keys()].sort()).toEqual(["index.html", "script.js", "style.css"]);
    expect(files.get("index.html")).toContain('href="style.css"');
    expect(files.get("index.html")).toContain('src="script.js"');
  });

  it("vite + react has its files and deps and is labelled WebContainer only", () => {
    const t = getTemplate("vite-react");
    const files = new Map(t.files);
    for (const p of ["package.json", "index.html", "src/main.jsx", "src/App.jsx"]) expect(files.has(p)).toBe(true);
    const pkg = JSON.parse(files.get("package.json") ?? "{}") as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(["react", "react-dom"]));
    expect(Object.keys(pkg.devDependencies)).toContain("vite");
    expect(t.label).toMatch(/npm install.*WebContainer only/);
  });

  it("node + tests runs under `node --test` with exactly one failing test", () => {
    const t = getTemplate("node-tests");
    const pkg = JSON.parse(new Map(t.files).get("package.json") ?? "{}") as { scripts: { test: string } };
    expect(pkg.scripts.test).toBe("node --test");
    const dir = writeOut("node-tests");
    const run = spawnSync(process.execPath, ["--test", "--test-reporter=tap"], { cwd: dir, encoding: "utf8", timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/# pass 2/);
    expect(run.stdout).toMatch(/# fail 1/);
    expect(run.stdout).toMatch(/not ok \d+ - slugify/);
  });
});
