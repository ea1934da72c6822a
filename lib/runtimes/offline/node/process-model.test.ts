// The findings that made the test loop lie (issue 11), each checked against what Node 24 and npm print for the same
// files: a test file run directly, `node --test` with a file that throws while loading, npm scripts and the shell's
// variables, `node <dir>`, `node --version`.
import { describe, expect, it } from "vitest";
import { MemFs } from "../mem-fs";
import { parseNodeArgs } from "./node-command";
import { testShell } from "./test-shell";

const failing = `const test = require('node:test');
const assert = require('assert');
test('a1', () => {});
test('a2 fails', () => { assert.strictEqual(1, 2); });
`;

describe("a test file run directly", () => {
  it("prints Node's summary and exits 1 when a test fails", async () => {
    const { run } = testShell({ "a.test.js": failing });
    const r = await run("node a.test.js");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain("✖ a2 fails");
    expect(r.stdout).toMatch(/ℹ tests 2\nℹ suites 0\nℹ pass 1\nℹ fail 1\n/);
    expect(r.stdout).toContain("✖ failing tests:\n\ntest at a.test.js:4:1\n✖ a2 fails");
  });

  it("exits 0 with the summary when all pass; a program that never registers a test prints none", async () => {
    const { run } = testShell({ "ok.test.js": "require('node:test')('fine', () => {});\n", "plain.js": "require('node:test'); console.log('no tests');\n" });
    const ok = await run("node ok.test.js");
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain("ℹ pass 1\nℹ fail 0\n");
    const plain = await run("node plain.js");
    expect(plain.stdout).toBe("no tests\n");
  });
});

describe("node --test", () => {
  it("counts a file that throws while loading as a failed test and runs the files after it", async () => {
    const { run } = testShell({
      "a.test.js": failing,
      "b.test.js": "throw new Error('load boom');\n",
      "c.test.mjs": "import test from 'node:test';\ntest('c1', async () => { await new Promise((r) => setTimeout(r, 5)); });\n",
      "d-test.js": "console.log('no tests here');\n",
    });
    const r = await run("node --test");
    expect(r.exitCode).toBe(1);
    // In file order: a's tests, b's error then its ✖ line, c's test, then d (no tests: one passing test of its name).
    const order = ["✔ a1", "✖ a2 fails", "Error: load boom", "✖ b.test.js", "✔ c1", "no tests here", "✔ d-test.js"].map((s) => r.stdout.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(r.stdout).toMatch(/ℹ tests 5\nℹ suites 0\nℹ pass 3\nℹ fail 2\n/);
    expect(r.stdout).toContain("test at b.test.js:1:1\n✖ b.test.js");
    expect(r.stdout).toContain("  'test failed'");
  });

  it("takes files and glob patterns, and names a missing file as Node does", async () => {
    const { run } = testShell({ "t/x.test.js": "require('node:test')('x', () => {});\n", "t/y.test.js": "require('node:test')('y', () => {});\n" });
    expect((await run("node --test 't/*.test.js'")).stdout).toMatch(/✔ x[\s\S]*✔ y[\s\S]*ℹ tests 2/);
    const missing = await run("node --test nothere.js");
    expect(missing).toMatchObject({ exitCode: 1, stderr: "Could not find 'nothere.js'\n" });
  });
});

describe("npm scripts and the shell's variables", () => {
  const pkg = JSON.stringify({ name: "p", version: "1.2.3", scripts: { prex: "echo pre", x: "node -p \"[process.env.FOO, process.env.npm_lifecycle_event, process.env.npm_package_name].join(' ')\"", postx: "echo post" } });

  it("passes `FOO=1 npm run x` and `export FOO` to the script, with npm's variables, around pre/post scripts", async () => {
    const { run } = testShell({ "package.json": pkg });
    const prefixed = await run("FOO=1 npm run x");
    expect(prefixed.stdout).toBe("\n> p@1.2.3 prex\n> echo pre\n\npre\n\n> p@1.2.3 x\n> node -p \"[process.env.FOO, process.env.npm_lifecycle_event, process.env.npm_package_name].join(' ')\"\n\n1 x p\n\n> p@1.2.3 postx\n> echo post\n\npost\n");
    expect((await run("export FOO=2; npm run x")).stdout).toContain("\n2 x p\n");
    // Not exported (in a shell where it never was): a script does not see it, as in bash.
    expect((await testShell({ "package.json": pkg }).run("FOO=3; npm run x")).stdout).toContain("\n x p\n");
  });

  it("a node program sees exported variables only", async () => {
    const { run } = testShell({});
    expect((await run("A=1; export B=2; C=3 node -p 'process.env.A + process.env.B + process.env.C'")).stdout).toBe("undefined23\n");
  });

  it("a missing script fails as npm's does", async () => {
    const { run } = testShell({ "package.json": pkg });
    expect(await run("npm run nope")).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('npm error Missing script: "nope"\nnpm error\n') });
  });
});

describe("node's command line", () => {
  it("`node <dir>` runs the folder's index.js (or its package.json main); argv[1] is the folder", async () => {
    const { run } = testShell({ "pkg/index.js": "console.log(process.argv[1])", "app/package.json": '{"main":"lib/start.js"}', "app/lib/start.js": "console.log('start')" });
    expect((await run("node pkg")).stdout).toBe("/project/pkg\n");
    expect((await run("node ./app")).stdout).toBe("start\n");
    const missing = await run("node nothing");
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain("Error: Cannot find module '/project/nothing' {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}");
  });

  it("reports the Node version it follows", async () => {
    const { run } = testShell({});
    expect((await run("node --version")).stdout).toMatch(/^v24\.\d+\.\d+\n$/);
    expect((await run("node -p process.version")).stdout).toMatch(/^v24\./);
  });

  it("parses options before the script and keeps -e's arguments for the program", () => {
    expect(parseNodeArgs(["--no-warnings", "-r", "x", "app.js", "--flag"])).toMatchObject({ execArgv: ["--no-warnings", "-r", "x"], script: "app.js", args: ["--flag"] });
    expect(parseNodeArgs(["-e", "1", "a", "b"])).toMatchObject({ main: { kind: "eval", code: "1" }, args: ["a", "b"] });
    expect(parseNodeArgs(["--test", "--test-reporter", "spec", "a.test.js"])).toMatchObject({ test: true, args: ["a.test.js"] });
  });
});

describe("a process's copy of the files", () => {
  it("a snapshot, then only what changed since, rebuild the same tree", () => {
    const shell = new MemFs();
    shell.writeDeepSync("/p/a.txt", "a");
    shell.writeDeepSync("/p/d/b.txt", "b");
    const copy = new MemFs();
    copy.importEntries(shell.snapshot());
    const version = shell.version();
    shell.writeSync("/p/a.txt", "a2");
    shell.rmSync("/p/d", { recursive: true });
    shell.writeDeepSync("/p/e/c.bin", new Uint8Array([1, 2]));
    copy.importEntries(shell.changesSince(version) ?? []);
    expect(copy.walkFiles("/p")).toEqual(["/p/a.txt", "/p/e/c.bin"]);
    expect(copy.readTextSync("/p/a.txt")).toBe("a2");
    // What the copy changes goes back the same way.
    copy.takeTouched();
    copy.writeSync("/p/new.txt", "n");
    shell.importEntries(copy.export(copy.takeTouched()));
    expect(shell.readTextSync("/p/new.txt")).toBe("n");
  });
});
