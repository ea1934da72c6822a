import { describe, expect, it } from "vitest";
import { inspect, format } from "./util";
import { assertStrict } from "./assert";
import { MemFs } from "../mem-fs";
import { findTestFiles } from "./node-command";
import { testShell } from "./test-shell";

const shell = (files: Record<string, string>) => testShell(files).run;

describe("node builtins", () => {
  it("formats like Node", () => {
    expect(format("%s=%d", "a", 4, { b: [1, "x"] })).toBe("a=4 { b: [ 1, 'x' ] }");
    expect(inspect(new Map([["k", 1]]))).toBe("Map(1) { 'k' => 1 }");
    expect(inspect({ a: { b: { c: { d: 1 } } } })).toBe("{ a: { b: { c: [Object] } } }");
  });

  it("assert messages name the values", () => {
    expect(() => assertStrict.equal(1, 2)).toThrow(/Expected values to be strictly equal:\n\n1 !== 2/);
    expect(() => assertStrict.deepEqual({ a: 1 }, { a: 1 })).not.toThrow();
    expect(() => assertStrict.throws(() => undefined)).toThrow(/Missing expected exception/);
  });

  it("finds test files the way node --test does", () => {
    const fs = new MemFs();
    for (const p of ["a.test.js", "test/x.js", "lib/b_test.mjs", "lib/c.js", "node_modules/z/z.test.js", "test-d.cjs"]) fs.writeDeepSync(`/p/${p}`, "");
    expect(findTestFiles(fs, "/p").map((p) => p.slice(3))).toEqual(["a.test.js", "lib/b_test.mjs", "test-d.cjs", "test/x.js"]);
  });
});

describe("node programs", () => {
  it("suites, hooks, subtests, skip and async tests report like Node's spec reporter", async () => {
    // The program below is the code under test: its it.skip is a user's skipped test, reported as "﹣ later".
    const run = shell({
      "s.test.mjs": `import { describe, it, test, beforeEach } from "node:test";
import assert from "node:assert";
let n = 0;
describe("math", () => {
  beforeEach(() => { n++; });
  it("adds", () => assert.equal(1 + 1, 2));
  it("waits", async () => { await new Promise((r) => setTimeout(r, 5)); assert.ok(n > 0); });
  it.skip("later");
});
test("parent", async (t) => {
  await t.test("child", () => {});
});
`,
    });
    const r = await run("node --test");
    expect(r.stdout).toContain("▶ math\n  ✔ adds");
    expect(r.stdout).toContain("  ﹣ later");
    expect(r.stdout).toContain("  ✔ child");
    expect(r.stdout).toContain("ℹ tests 5");
    expect(r.stdout).toContain("ℹ suites 1");
    expect(r.stdout).toContain("ℹ skipped 1");
    expect(r.exitCode).toBe(0);
  });

  it("top-level await, import.meta and events in ES modules", async () => {
    const run = shell({
      "m.mjs": `import { EventEmitter, once } from "node:events";
const e = new EventEmitter();
setTimeout(() => e.emit("go", 7), 1);
const [v] = await once(e, "go");
console.log(v, import.meta.url);`,
    });
    const r = await run("node m.mjs");
    expect(r.stdout).toBe("7 file:///project/m.mjs\n");
  });

  it("clear errors for missing modules and unavailable builtins", async () => {
    const run = shell({ "a.js": "require('./nope')", "b.js": "require('http')" });
    const a = await run("node a.js");
    expect(a.exitCode).toBe(1);
    expect(a.stderr).toContain("Cannot find module './nope'");
    const b = await run("node b.js");
    expect(b.stderr).toMatch(/node:http \(servers and HTTP requests\) is not available in the offline runtime.*WebContainer/);
  });

  it("process.argv, env, stdin from a pipe, and node -e / -p", async () => {
    const run = shell({ "args.js": "console.log(process.argv.slice(2).join(','), process.env.FOO)" });
    expect((await run("FOO=bar node args.js x y")).stdout).toBe("x,y bar\n");
    expect((await run("node -p '6*7'")).stdout).toBe("42\n");
    expect((await run("echo hi | node -e 'process.stdout.write(process.stdin.read())'")).stdout).toBe("hi\n");
  });
});
