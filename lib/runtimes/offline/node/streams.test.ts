// node:stream, stream/promises, fs streams and process.stdin/stdout as streams, run through the real shell; expected
// output is what Node 24 prints for the same program.
import { describe, expect, it } from "vitest";
import { bindProcess } from "./streams";
import { testShell } from "./test-shell";

describe("node:stream", () => {
  it("Readable, Transform, PassThrough, Writable and pipeline; a Readable piped into process.stdout", async () => {
    const { run } = testShell({
      "stream.js": String.raw`const { Readable, Writable, Transform, PassThrough, pipeline } = require('node:stream');
const upper = new Transform({
  transform(chunk, _enc, cb) {
    cb(null, chunk.toString().toUpperCase());
  },
});
const collected = [];
const sink = new Writable({
  write(chunk, _enc, cb) {
    collected.push(chunk.toString());
    cb();
  },
});
pipeline(Readable.from(['a', 'b', 'c']), upper, new PassThrough(), sink, (err) => {
  console.log('pipeline done', err ?? null, collected);
  const r = Readable.from(['x\n', 'y\n']);
  r.on('end', () => console.log('piped'));
  r.pipe(process.stdout);
});
`,
    });
    const r = await run("node stream.js");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("pipeline done null [ 'A', 'B', 'C' ]\nx\ny\npiped\n");
    expect(r.exitCode).toBe(0);
  });

  it("stream/promises pipeline into fs.createWriteStream, for await over fs.createReadStream, ENOENT as an event", async () => {
    const { run, fs } = testShell({
      "copy.mjs": String.raw`import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import fs from 'node:fs';
await pipeline(
  Readable.from(['one\n', 'two\n']),
  new Transform({ transform(c, _e, cb) { cb(null, c.toString().replace(/o/g, '0')); } }),
  fs.createWriteStream('out.txt'),
);
console.log(fs.readFileSync('out.txt', 'utf8'));
for await (const chunk of fs.createReadStream('out.txt', { encoding: 'utf8' })) console.log(JSON.stringify(chunk));
fs.createReadStream('missing.txt').on('error', (e) => console.log('error', e.code, e.syscall));
`,
    });
    const r = await run("node copy.mjs");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe('0ne\ntw0\n\n"0ne\\ntw0\\n"\nerror ENOENT open\n');
    expect(fs.readTextSync("/project/out.txt")).toBe("0ne\ntw0\n");
  });

  it("process.stdin emits what was piped in, then 'end'; fs.readFileSync(0) reads it too", async () => {
    const { run } = testShell({
      "sum.js": String.raw`let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const nums = input.trim().split('\n').map(Number);
  console.log('sum', nums.reduce((a, b) => a + b, 0));
});
`,
      "sum0.js": "const text = require('fs').readFileSync(0, 'utf8');\nconsole.log(text.split('\\n').filter(Boolean).length, 'lines');\n",
    });
    expect((await run("printf '1\\n2\\n3\\n' | node sum.js")).stdout).toBe("sum 6\n");
    expect((await run("printf 'a\\nb\\n' | node sum0.js")).stdout).toBe("2 lines\n");
    expect((await run("node sum.js")).stdout).toBe("sum 0\n");
  });

  it("in browsers, streams defer work through the program's own nextTick while it runs, and are restored after", () => {
    const hostTick = (fn: () => void) => setTimeout(fn, 0);
    const shim: Record<string, unknown> = { nextTick: hostTick };
    const ticks: string[] = [];
    const proc = { nextTick: (fn: () => void) => (ticks.push("program"), fn()), stdout: "out", stderr: "err" };
    const undo = bindProcess(proc, shim);
    (shim.nextTick as (fn: () => void) => void)(() => ticks.push("ran"));
    expect(ticks).toEqual(["program", "ran"]);
    expect(shim.stdout).toBe("out");
    undo();
    expect(shim.nextTick).toBe(hostTick);
    expect("stdout" in shim).toBe(false);
  });
});
