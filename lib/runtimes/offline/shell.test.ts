import { describe, expect, it } from "vitest";
import { MemFs } from "./mem-fs";
import { createShell, PROJECT_ROOT } from "./shell";
import { InThreadLauncher } from "./process/in-thread-launcher";
import { nodeTests } from "@/lib/templates/node-tests";

function setup(files: Record<string, string>) {
  const fs = new MemFs();
  const shell = createShell(fs, new InThreadLauncher({
    fs,
    moduleUrl: (code) => `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`,
    importModule: (url) => import(/* @vite-ignore */ url),
    transformTs: async (code, path, format) => {
      const esbuild = await import("esbuild-wasm");
      const out = await esbuild.transform(code, { loader: path.endsWith("x") ? "tsx" : "ts", format, sourcefile: path });
      return out.code;
    },
  }));
  fs.external(() => {
    for (const [p, c] of Object.entries(files)) fs.writeDeepSync(`${PROJECT_ROOT}/${p}`, c);
  });
  const run = (command: string) => shell.run({ command, cwd: PROJECT_ROOT, env: {} });
  return { fs, run };
}

describe("offline shell", () => {
  it("runs pipes, redirects and &&", async () => {
    const { run, fs } = setup({ "a.txt": "b\na\nb\n" });
    const r = await run("sort a.txt | uniq > out.txt && cat out.txt && wc -l < out.txt");
    expect(r.stdout).toBe("a\nb\n2\n");
    expect(fs.takeTouched()).toContain("/project/out.txt");
  });

  it("keeps cd for the terminal", async () => {
    const { run } = setup({ "src/x.js": "" });
    const r = await run("cd src && pwd");
    expect(r.stdout).toBe("/project/src\n");
    expect(r.cwd).toBe("/project/src");
  });

  it("runs CommonJS with require, fs and exit codes", async () => {
    const { run, fs } = setup({
      "lib.js": "module.exports = { twice: (n) => n * 2 };",
      "main.js": "const { twice } = require('./lib');\nconst fs = require('fs');\nfs.writeFileSync('made.txt', String(twice(21)));\nconsole.error('warn');\nsetTimeout(() => { console.log('late'); process.exit(3); }, 5);",
    });
    const r = await run("node main.js");
    expect(r.stdout).toBe("late\n");
    expect(r.stderr).toBe("warn\n");
    expect(r.exitCode).toBe(3);
    expect(fs.readTextSync("/project/made.txt")).toBe("42");
  });

  it("runs ES modules and reports uncaught errors with exit code 1", async () => {
    const { run } = setup({
      "package.json": '{"type":"module"}',
      "m.js": "export const x = 1;",
      "main.js": "import { x } from './m.js';\nimport path from 'node:path';\nconsole.log(x, path.join('a', 'b'));\nthrow new Error('boom');",
    });
    const r = await run("node main.js");
    expect(r.stdout).toBe("1 a/b\n");
    expect(r.stderr).toContain("Error: boom");
    expect(r.exitCode).toBe(1);
  });

  it("runs TypeScript through esbuild", async () => {
    const { run } = setup({ "a.ts": "const n: number = 2;\nconsole.log(`n=${n}`);" });
    const r = await run("node a.ts");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("n=2\n");
  }, 20_000);

  it("npm test of the Node template fails on the planted bug, then passes", async () => {
    const files = Object.fromEntries(nodeTests.files.map(([p, c]) => [p, String(c)]));
    const { run, fs } = setup(files);
    const r = await run("npm test");
    expect(r.stdout).toContain("✖ slugify makes URL-friendly slugs");
    expect(r.stdout).toContain("ℹ pass 2");
    expect(r.stdout).toContain("ℹ fail 1");
    expect(r.stdout).toMatch(/test at text\.test\.js:\d+:\d+/);
    expect(r.exitCode).toBe(1);
    fs.writeSync("/project/text.js", fs.readTextSync("/project/text.js").replace('.replace(/^-+/, "")', '.replace(/^-+|-+$/g, "")'));
    const fixed = await run("npm test");
    expect(fixed.stdout).toContain("ℹ fail 0");
    expect(fixed.exitCode).toBe(0);
  });

  it("a script whose tool is an uninstalled package says so, not just 'command not found'", async () => {
    const { run } = setup({ "package.json": JSON.stringify({ scripts: { dev: "vite", lint: "nosuchtool" }, devDependencies: { vite: "^5.0.0" } }) });
    const r = await run("npm run dev");
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toMatch(/vite: command not found/);
    expect(r.stderr).toMatch(/`vite` is not installed\. This project's packages \(vite\) are not installed in the offline runtime: installing them needs WebContainer/);
    // With nothing declared there is nothing to install: the plain message stays.
    const { run: bare } = setup({ "package.json": JSON.stringify({ scripts: { lint: "nosuchtool" } }) });
    const plain = await bare("npm run lint");
    expect(plain.exitCode).toBe(127);
    expect(plain.stderr).not.toMatch(/not installed/);
  });

  it("npm install explains that it needs WebContainer", async () => {
    const { run } = setup({ "package.json": "{}" });
    const r = await run("npm install left-pad");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/needs WebContainer and a network/);
  });
});

describe("which", () => {
  it("names node, npm and npx where Node's would be, and finds nothing for a missing tool (exit 1)", async () => {
    const { run } = setup({});
    expect(await run("which node npm; echo $?")).toMatchObject({ stdout: "/usr/local/bin/node\n/usr/local/bin/npm\n0\n" });
    expect((await run("which nosuchtool; echo $?")).stdout).toBe("1\n");
  });
});
