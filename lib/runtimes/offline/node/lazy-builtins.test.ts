// Which builtins are fetched ahead for a program, what happens when one could not be foreseen, and the message for
// the builtins the offline runtime does not have.
import { describe, expect, it } from "vitest";
import { chunksNeededBy } from "./lazy-builtins";
import { testShell } from "./test-shell";

describe("builtins fetched on demand", () => {
  it("are found from requires, imports and indirect uses", () => {
    expect(chunksNeededBy("const fs = require('fs');")).toEqual([]);
    expect(chunksNeededBy("const { Readable } = require('node:stream');")).toEqual(["streams"]);
    expect(chunksNeededBy("import rl from 'readline/promises'; import { createHash } from 'crypto';").sort()).toEqual(["crypto", "streams"]);
    expect(chunksNeededBy("process.stdin.on('data', f)")).toEqual(["streams"]);
    expect(chunksNeededBy("fs.createReadStream('x')")).toEqual(["streams"]);
  });

  it("a dependency's require is seen ahead; a computed one says what to write; import() fetches on the spot", async () => {
    const { run } = testShell({
      "lib/hash.js": "const c = require('crypto');\nmodule.exports = (s) => c.createHash('sha1').update(s).digest('hex');\n",
      "main.js": "console.log(require('./lib/hash')('abc'));\n",
      "computed.js": "const name = 'str' + 'eam';\nrequire(name);\n",
      "dynamic.mjs": "const name = 'cry' + 'pto';\nconst c = await import('node:' + name);\nconsole.log(c.createHash('md5').update('a').digest('hex'));\n",
    });
    expect((await run("node main.js")).stdout).toBe("a9993e364706816aba3e25717850c26c9cd0d89d\n");
    const computed = await run("node computed.js");
    expect(computed.stderr).toContain('node:stream could not be loaded: the offline runtime fetches it before a program starts when the program names it (require("stream")');
    expect(computed.exitCode).toBe(1);
    expect((await run("node dynamic.mjs")).stdout).toBe("0cc175b9c0f1b6a831c399e269772661\n");
  });

  it("unavailable builtins name the module, what it is for and where it runs", async () => {
    const { run } = testShell({
      "cp.js": "require('http').createServer();\n",
      "zip.mjs": "import { Worker } from 'node:worker_threads';\n",
    });
    const cp = await run("node cp.js");
    expect(cp.stderr).toMatch(/Error: node:http \(servers and HTTP requests\) is not available in the offline runtime, which runs in this browser tab without a network\. Programs that use it need WebContainer: when you are online, pick "Auto" or "WebContainer" in the runtime menu of the status bar\.\n/);
    expect(cp.exitCode).toBe(1);
    const zip = await run("node zip.mjs");
    expect(zip.stderr).toContain("node:worker_threads (threads) is not available in the offline runtime");
    expect(zip.exitCode).toBe(1);
  });
});
