// Pieces of Node 24's behaviour the conformance suite (e2e/runtime-conformance.spec.ts) found missing, checked here
// against the text real Node 24 prints: colour detection, TTY streams, assertion diffs, stack frames and the
// uncaught-error header, package "exports"/"imports" resolution.
import { describe, expect, it } from "vitest";
import { MemFs } from "../mem-fs";
import { diffMessage } from "./assert-diff";
import { ErrorPrinter } from "./errors";
import { resolveModule } from "./resolve";
import { testShell } from "./test-shell";
import { colorDepth } from "./tty";

describe("colour detection as Node's getColorDepth", () => {
  it("follows FORCE_COLOR, NO_COLOR, TERM and CI", () => {
    expect(colorDepth({ TERM: "xterm-256color" })).toBe(8);
    expect(colorDepth({ TERM: "xterm-256color", NO_COLOR: "1" })).toBe(1);
    expect(colorDepth({ TERM: "dumb" })).toBe(1);
    expect(colorDepth({ FORCE_COLOR: "3", NO_COLOR: "1" })).toBe(24);
    expect(colorDepth({ FORCE_COLOR: "0" })).toBe(1);
    expect(colorDepth({ CI: "true", TERM: "xterm-256color" })).toBe(1);
    expect(colorDepth({ CI: "true", GITHUB_ACTIONS: "true" })).toBe(24);
    expect(colorDepth({ COLORTERM: "truecolor" })).toBe(24);
    expect(colorDepth({})).toBe(1);
  });
});

describe("standard streams", () => {
  it("are a TTY of the terminal's size when the program writes to the terminal, and have no isTTY when piped", async () => {
    const { shell, run } = testShell({ "tty.js": "console.log(process.stdout.isTTY, process.stdout.columns, process.stdout.hasColors?.(), process.stdin.isTTY);" });
    expect((await run("node tty.js | cat")).stdout).toBe("undefined undefined undefined undefined\n");
    let seen = "";
    await shell.run({ command: "node tty.js", cwd: "/project", env: {}, live: (_s, text) => (seen += text), columns: 132, rows: 40 });
    expect(seen).toBe("true 132 true undefined\n");
  });
});

describe("assertion messages as Node 24 writes them", () => {
  it("a line diff for objects, with the changed lines as + actual / - expected", () => {
    expect(diffMessage({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }, "deepStrictEqual")).toBe(
      "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n    a: 1,\n    b: [\n      1,\n+     2\n-     3\n    ]\n  }\n",
    );
    expect(diffMessage([1, 2, 3], [1, 2, 4], "deepStrictEqual")).toBe("Expected values to be strictly deep-equal:\n+ actual - expected\n\n  [\n    1,\n    2,\n+   3\n-   4\n  ]\n");
  });

  it("short values side by side; longer strings stacked with a caret", () => {
    expect(diffMessage(1, 2, "strictEqual")).toBe("Expected values to be strictly equal:\n\n1 !== 2\n");
    expect(diffMessage("hello world", "hello there", "strictEqual")).toBe("Expected values to be strictly equal:\n+ actual - expected\n\n+ 'hello world'\n- 'hello there'\n         ^\n");
  });
});

interface FakeSite {
  file?: string;
  line: number;
  column: number;
  fn?: string | null;
  type?: string | null;
  method?: string | null;
  top?: boolean;
  ctor?: boolean;
  evalOrigin?: string;
}

const site = (s: FakeSite) => ({
  getFileName: () => s.file,
  getLineNumber: () => s.line,
  getColumnNumber: () => s.column,
  getFunctionName: () => s.fn ?? null,
  getTypeName: () => s.type ?? null,
  getMethodName: () => s.method ?? null,
  getEvalOrigin: () => s.evalOrigin,
  isEval: () => s.evalOrigin !== undefined,
  isNative: () => false,
  isToplevel: () => s.top ?? false,
  isConstructor: () => s.ctor ?? false,
});

describe("stacks and uncaught errors as Node prints them", () => {
  const source = "function fail() {\n  throw new Error('boom');\n}\nfail();\n";
  const printer = new ErrorPrinter(
    {
      urlToPath: new Map([["blob:x/1", "/p/m.mjs"]]),
      isEsm: (p) => p.endsWith(".mjs"),
      wrapperColumns: 100,
      compiled: () => undefined,
      read: (p) => (p === "/p/main.js" ? source : undefined),
    },
    "v24.21.0",
  );

  it("names frames like V8 in Node: the CommonJS wrapper is Object.<anonymous>, ES modules are file:// URLs, runtime frames are left out", () => {
    const error = new Error("boom");
    const stack = printer.stack(error, [
      site({ evalOrigin: "/p/main.js", line: 2, column: 9, fn: "fail", top: true }),
      site({ evalOrigin: "/p/main.js", line: 4, column: 1, fn: "eval", type: "Object" }),
      site({ file: "blob:x/1", line: 3, column: 5, top: true }),
      site({ file: "blob:x/1", line: 7, column: 2, fn: "later", type: "Timeout", method: "_onTimeout" }),
      site({ file: "blob:x/1", line: 8, column: 3, fn: "Widget", ctor: true }),
      site({ file: "http://localhost:3001/chunks/runtime.js", line: 1, column: 999, fn: "runMain", type: "ModuleLoader" }),
    ] as never);
    expect(stack).toBe(
      [
        "Error: boom",
        "    at fail (/p/main.js:2:9)",
        "    at Object.<anonymous> (/p/main.js:4:1)",
        "    at file:///p/m.mjs:3:5",
        "    at Timeout.later [as _onTimeout] (file:///p/m.mjs:7:2)",
        "    at new Widget (file:///p/m.mjs:8:3)",
      ].join("\n"),
    );
  });

  it("shows the source line with a caret under the throw, then the error and the Node version", () => {
    const error = new Error("boom");
    printer.stack(error, [site({ evalOrigin: "/p/main.js", line: 2, column: 9, fn: "fail", top: true })] as never);
    Object.defineProperty(error, "stack", { value: "Error: boom\n    at fail (/p/main.js:2:9)" });
    expect(printer.uncaught(error)).toBe("/p/main.js:2\n  throw new Error('boom');\n  ^\n\nError: boom\n    at fail (/p/main.js:2:9)\n\nNode.js v24.21.0\n");
  });
});

describe("package exports and imports as Node 24 resolves them", () => {
  const fs = new MemFs();
  const files: Record<string, string> = {
    "/p/package.json": JSON.stringify({ name: "me", exports: { ".": "./index.js", "./extra": "./extra.js" }, imports: { "#util": "./src/util.js", "#internal/*": "./src/internal/*.js" } }),
    "/p/index.js": "",
    "/p/extra.js": "",
    "/p/src/util.js": "",
    "/p/src/internal/deep.js": "",
    "/p/node_modules/pkg/package.json": JSON.stringify({ exports: { "./utils/*": "./lib/utils/*.js", "./feature": { import: "./f.mjs", require: "./f.cjs" } } }),
    "/p/node_modules/pkg/lib/utils/a.js": "",
    "/p/node_modules/pkg/f.mjs": "",
    "/p/node_modules/pkg/f.cjs": "",
    "/p/node_modules/pkg/private.js": "",
  };
  for (const [p, c] of Object.entries(files)) fs.writeDeepSync(p, c);
  const cjs = ["require", "node", "default"];

  it("subpath patterns, conditions, imports (#…) and self-reference", () => {
    expect(resolveModule(fs, "pkg/utils/a", "/p/main.js", cjs)).toBe("/p/node_modules/pkg/lib/utils/a.js");
    expect(resolveModule(fs, "pkg/feature", "/p/main.js", cjs)).toBe("/p/node_modules/pkg/f.cjs");
    expect(resolveModule(fs, "pkg/feature", "/p/main.js", ["import", "node", "default"])).toBe("/p/node_modules/pkg/f.mjs");
    expect(resolveModule(fs, "#util", "/p/main.js", cjs)).toBe("/p/src/util.js");
    expect(resolveModule(fs, "#internal/deep", "/p/main.js", cjs)).toBe("/p/src/internal/deep.js");
    expect(resolveModule(fs, "me/extra", "/p/main.js", cjs)).toBe("/p/extra.js");
  });

  it("a subpath the exports do not list is ERR_PACKAGE_PATH_NOT_EXPORTED", () => {
    expect(() => resolveModule(fs, "pkg/private.js", "/p/main.js", cjs)).toThrow(
      expect.objectContaining({ code: "ERR_PACKAGE_PATH_NOT_EXPORTED", message: "Package subpath './private.js' is not defined by \"exports\" in /p/node_modules/pkg/package.json" }),
    );
  });
});

describe("a file that does not parse", () => {
  it("is reported with Node's file:line, source line and caret, and is not cached", async () => {
    const { run } = testShell({ "main.js": "const ok = 1;\nconst broken = ;\n", "req.js": "try { require('./main'); } catch (e) { console.log(e.name); }\ntry { require('./main'); } catch (e) { console.log(e.name); }\n" });
    const r = await run("node main.js");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^\/project\/main\.js:2\nconst broken = ;\n {15}\^\n\nSyntaxError: Unexpected token ';'/);
    expect((await run("node req.js")).stdout).toBe("SyntaxError\nSyntaxError\n");
  });
});
