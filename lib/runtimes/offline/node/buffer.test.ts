// Buffer as programs use it, run through the real shell; expected output is what Node 24 prints for the same program.
import { describe, expect, it } from "vitest";
import { testShell } from "./test-shell";

const bufferProgram = String.raw`const { Buffer: B } = require('node:buffer');
const b = Buffer.from('héllo wörld');
console.log(b);
console.log(b.length, Buffer.byteLength('héllo'), B === Buffer);
console.log(b.toString('hex'));
console.log(b.toString('base64'), Buffer.from('aGk=', 'base64').toString());
console.log(Buffer.from('hello?>').toString('base64url'), Buffer.from('aGVsbG8_Pg', 'base64url').toString());
const c = Buffer.concat([Buffer.from('ab'), Buffer.alloc(2, 0x21)]);
console.log(c.toString(), c, Buffer.isBuffer(c), Buffer.isBuffer('x'));
console.log(c.equals(Buffer.from('ab!!')), c.slice(1, 3).toString(), c.subarray(2).toString('hex'));
const n = Buffer.alloc(8);
n.writeUInt32BE(0xdeadbeef, 0);
n.writeInt16LE(-2, 4);
n.writeUInt8(255, 6);
console.log(n, n.readUInt32BE(0).toString(16), n.readInt16LE(4), n.readUInt8(6));
console.log(JSON.stringify(Buffer.from('hi')), [Buffer.from('a')], { data: Buffer.from([1, 2, 3]) });
console.log(String(Buffer.from('x')) + Buffer.from('y'), Buffer.compare(Buffer.from('a'), Buffer.from('b')));
console.log('%s and %o', 'fmt', 1);
console.log(Buffer.alloc(60));
console.log(Buffer.alloc(0), Buffer.from('abc').indexOf('c'), Buffer.from('abc').includes('bc'));
`;

const fsProgram = String.raw`const fs = require('fs');
const assert = require('assert');
fs.writeFileSync('bin.dat', Buffer.from([0, 1, 2, 255]));
const data = fs.readFileSync('bin.dat');
console.log(data, Buffer.isBuffer(data), data.length);
fs.writeFileSync('b64.txt', 'aGVsbG8=', 'base64');
console.log(fs.readFileSync('b64.txt', 'utf8'), fs.readFileSync('b64.txt').toString('hex'), fs.readFileSync('b64.txt', 'base64'));
fs.appendFileSync('b64.txt', Buffer.from('!'));
console.log(fs.readFileSync('b64.txt', 'utf8'), String(fs.readFileSync('b64.txt')));
assert.deepStrictEqual(fs.readFileSync('bin.dat'), Buffer.from([0, 1, 2, 255]));
console.log('equal');
assert.deepStrictEqual(fs.readFileSync('bin.dat'), Buffer.from([0, 1, 2, 254]));
`;

describe("node:buffer", () => {
  it("creates, encodes, compares, reads and writes Buffers and prints them like Node", async () => {
    const { run } = testShell({ "buffer.js": bufferProgram });
    const r = await run("node buffer.js");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "<Buffer 68 c3 a9 6c 6c 6f 20 77 c3 b6 72 6c 64>",
        "13 6 true",
        "68c3a96c6c6f2077c3b6726c64",
        "aMOpbGxvIHfDtnJsZA== hi",
        "aGVsbG8_Pg hello?>",
        "ab!! <Buffer 61 62 21 21> true false",
        "true b! 2121",
        "<Buffer de ad be ef fe ff ff 00> deadbeef -2 255",
        `{"type":"Buffer","data":[104,105]} [ <Buffer 61> ] { data: <Buffer 01 02 03> }`,
        "xy -1",
        "fmt and 1",
        `<Buffer ${"00 ".repeat(50).trim()} ... 10 more bytes>`,
        "<Buffer > 2 true",
        "",
      ].join("\n"),
    );
    expect(r.exitCode).toBe(0);
  });

  it("fs reads Buffers without an encoding, writes Buffers and encoded strings; deepStrictEqual compares bytes", async () => {
    const { run, fs } = testShell({ "fs.js": fsProgram });
    const r = await run("node fs.js");
    expect(r.stdout).toBe("<Buffer 00 01 02 ff> true 4\nhello 68656c6c6f aGVsbG8=\nhello! hello!\nequal\n");
    expect(r.stderr).toMatch(/^AssertionError \[ERR_ASSERTION\]: Expected values to be strictly deep-equal:\n/);
    expect(r.stderr).toContain("fs.js:12:8");
    expect(r.exitCode).toBe(1);
    expect([...fs.readBytesSync("/project/bin.dat")]).toEqual([0, 1, 2, 255]);
  });

  it("lets ES modules and CommonJS bind Buffer, process and setTimeout themselves", async () => {
    const { run } = testShell({
      "esm.mjs": String.raw`import { Buffer } from 'node:buffer';
import process from 'node:process';
import { setTimeout } from 'node:timers/promises';
const value = await setTimeout(5, 'waited');
console.log(value, Buffer.from('ok').toString('hex'), process.argv.length);
`,
      "cjs.js": String.raw`const { Buffer } = require('buffer');
const process = require('process');
const { setTimeout } = require('timers/promises');
setTimeout(5, 'waited').then((v) => console.log(v, Buffer.from('ok').toString('hex'), process.argv.length));
`,
    });
    for (const file of ["esm.mjs", "cjs.js"]) {
      const r = await run(`node ${file}`);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("waited 6f6b 2\n");
    }
  });

  // How %s prints a Buffer (through its toString) depends on which globals exist when util loads; in this Node test
  // process Buffer is one of them, so that is checked in the browser by the conformance suite (inspect/format-buffer).
  it("util.inspect honours util.inspect.custom", async () => {
    const { run } = testShell({
      "inspect.js": String.raw`const util = require('util');
class Money { constructor(n) { this.n = n; } [util.inspect.custom]() { return 'Money<' + this.n + '>'; } }
console.log(new Money(5), [new Money(1)]);
console.log(util.inspect(Buffer.from('hey')), util.format('%s', new Money(2)));
console.log(util.isDeepStrictEqual(Buffer.from('a'), Buffer.from('a')), util.isDeepStrictEqual(Buffer.from('a'), new Uint8Array([97])));
`,
    });
    const r = await run("node inspect.js");
    expect(r.stdout).toBe("Money<5> [ Money<1> ]\n<Buffer 68 65 79> Money<2>\ntrue false\n");
  });
});
