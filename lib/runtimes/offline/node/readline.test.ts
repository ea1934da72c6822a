// node:readline and readline/promises over piped input, run through the real shell; expected output and exit codes
// are what Node 24 gives for the same program and input (including at the end of input, where questions go
// unanswered).
import { describe, expect, it } from "vitest";
import { testShell } from "./test-shell";

const programs = {
  "lines.js": String.raw`const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin });
let n = 0;
rl.on('line', (line) => {
  n++;
  console.log('line ' + n + ': ' + JSON.stringify(line));
});
rl.on('close', () => console.log('total', n));
`,
  "lines.mjs": String.raw`import { createInterface } from 'node:readline';
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
const lines = [];
for await (const line of rl) lines.push(line.toUpperCase());
console.log(lines);
`,
  "ask.js": String.raw`const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
rl.question('name? ', (a) => {
  console.log('hi', a);
  rl.question('age? ', (b) => {
    console.log('age', b);
    rl.close();
  });
});
rl.on('close', () => console.log('closed'));
`,
  "two.mjs": String.raw`import * as readline from 'node:readline/promises';
const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
const a = await rl.question('first? ');
const b = await rl.question('second? ');
console.log(a, b);
`,
  "ask.mjs": String.raw`import * as readline from 'node:readline/promises';
import { stdin as input, stdout as output } from 'node:process';
const rl = readline.createInterface({ input, output });
const name = await rl.question('name? ');
console.log('hi ' + name);
rl.close();
`,
  "calc.js": String.raw`const rl = require('readline').createInterface({ input: process.stdin, output: process.stdout, prompt: 'calc> ' });
rl.prompt();
rl.on('line', (l) => { console.log('=', eval(l)); rl.prompt(); }).on('close', () => console.log('bye'));
`,
  "sumfile.js": String.raw`const fs = require('fs');
const readline = require('readline');
fs.writeFileSync('nums.txt', '1\n2\r\n3\n');
const rl = readline.createInterface({ input: fs.createReadStream('nums.txt'), crlfDelay: Infinity });
let sum = 0;
rl.on('line', (l) => (sum += Number(l)));
rl.on('close', () => console.log('sum', sum));
`,
  "closed.js": String.raw`const rl = require('readline').createInterface({ input: process.stdin });
rl.close();
try { rl.question('x', () => {}); } catch (e) { console.log(e.stack.split('\n')[0], e.code); }
`,
};

describe("node:readline", () => {
  it("emits a 'line' per line (\\n, \\r\\n, the last unterminated one), then 'close'", async () => {
    const { run } = testShell(programs);
    const r = await run("printf 'a\\r\\nb\\n\\nc' | node lines.js");
    expect(r.stdout).toBe('line 1: "a"\nline 2: "b"\nline 3: ""\nline 4: "c"\ntotal 4\n');
    expect((await run("printf 'x\\ny\\n' | node lines.mjs")).stdout).toBe("[ 'X', 'Y' ]\n");
    expect((await run("node lines.mjs")).stdout).toBe("[]\n");
  });

  it("question() is answered from piped input; at the end of input the interface closes and the program ends", async () => {
    const { run } = testShell(programs);
    const answered = await run("printf 'bob\\n42\\n' | node ask.js");
    expect(answered.stdout).toBe("name? hi bob\nage? age 42\nclosed\n");
    const partly = await run("echo bob | node ask.js");
    expect(partly.stdout).toBe("name? hi bob\nage? closed\n");
    expect(partly.exitCode).toBe(0);
    const none = await run("node ask.js");
    expect(none.stdout).toBe("name? closed\n");
    expect(none.exitCode).toBe(0);
  });

  it("readline/promises: an answered question resolves; an awaited one at the end of input exits 13 like Node", async () => {
    const { run } = testShell(programs);
    const answered = await run("echo bob | node ask.mjs");
    expect(answered.stdout).toBe("name? hi bob\n");
    expect(answered.exitCode).toBe(0);
    const stuck = await run("node ask.mjs");
    expect(stuck.stdout).toBe("name? ");
    expect(stuck.stderr).toMatch(/^Warning: Detected unsettled top-level await at file:\/\/\/project\/ask\.mjs\n/);
    expect(stuck.exitCode).toBe(13);
  });

  it("readline/promises: input that ends between two questions leaves the second one pending (exit 13), as in Node", async () => {
    // Node reads the end of a pipe after the data, in a later turn of its event loop: the program asks its second
    // question before the interface closes.
    const { run } = testShell(programs);
    for (const input of ["echo x", "printf 'x\\ny'"]) {
      const result = await run(`${input} | node two.mjs`);
      expect(result.stdout).toBe("first? second? ");
      expect(result.stderr).toMatch(/^Warning: Detected unsettled top-level await at file:\/\/\/project\/two\.mjs\n/);
      expect(result.exitCode).toBe(13);
    }
  });

  it("prompt() writes the prompt; lines from fs.createReadStream; question() after close throws ERR_USE_AFTER_CLOSE", async () => {
    const { run } = testShell(programs);
    expect((await run("printf '1+1\\n2*3\\n' | node calc.js")).stdout).toBe("calc> = 2\ncalc> = 6\ncalc> bye\n");
    expect((await run("node sumfile.js")).stdout).toBe("sum 6\n");
    expect((await run("node closed.js")).stdout).toBe("Error [ERR_USE_AFTER_CLOSE]: readline was closed ERR_USE_AFTER_CLOSE\n");
  });
});
