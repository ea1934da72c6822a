// Node's Buffer, stream, readline and crypto in the offline runtime's real Worker (the sandbox bundle, with those
// modules fetched as separate chunks when a program needs them), typed into the terminal like a person would.
// Expected lines are what Node 24 prints for the same programs and input.
import { expect, test } from "./support/fixtures";
import { openProject } from "./editor-support";
import { expectTerminal, openTerminal, run, terminalText } from "./runtime-support";

// The runtime boots a sandbox iframe and Workers; on a loaded 2-core machine that takes a while.
test.describe.configure({ timeout: 180_000 });

const files = {
  "app.js": `const readline = require('node:readline');
const { Transform, pipeline } = require('node:stream');
const crypto = require('node:crypto');
const fs = require('node:fs');
const rl = readline.createInterface({ input: process.stdin });
const words = [];
rl.on('line', (line) => words.push(line));
rl.on('close', () => {
  const buf = Buffer.from(words.join(' '));
  console.log('buffer', buf, buf.toString('base64'));
  console.log('sha256', crypto.createHash('sha256').update(buf).digest('hex'));
  fs.writeFileSync('words.bin', buf);
  const upper = new Transform({ transform(chunk, _enc, cb) { cb(null, chunk.toString().toUpperCase() + '\\n'); } });
  pipeline(fs.createReadStream('words.bin'), upper, process.stdout, (err) => console.log('pipeline', err ?? 'ok'));
});
`,
  "ask.mjs": `import * as readline from 'node:readline/promises';
const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
const name = await rl.question('name? ');
console.log('hello ' + name);
rl.close();
`,
  "boom.js": `const { Readable } = require('node:stream');
Readable.from(['x']).on('data', () => { throw new Error('bad chunk'); });
`,
};

test("Buffer, streams, readline and crypto work in the terminal; missing modules say what to do", async ({ page }) => {
  await openProject(page, files, "Node modules");
  await openTerminal(page);

  await run(page, "printf 'hi\\nthere\\n' | node app.js; echo \"exit=$?\"");
  await expectTerminal(page, /pipeline ok\s+exit=0/);
  const text = await terminalText(page);
  expect(text).toContain("buffer <Buffer 68 69 20 74 68 65 72 65> aGkgdGhlcmU=");
  expect(text).toContain("sha256 9b96a1fe1d548cbbc960cc6a0286668fd74a763667b06366fb2324269fcabaa4");
  expect(text).toMatch(/HI THERE\s+pipeline ok/);
  await page.screenshot({ path: "e2e/.artifacts/runtime-node-modules.png" });

  // A question is answered from piped input; with none left (and no terminal to type in), Node ends the program with
  // exit code 13.
  await run(page, "echo Ada | node ask.mjs; echo \"exit=$?\"");
  await expectTerminal(page, /name\? hello Ada\s+exit=0/);
  await run(page, "true | node ask.mjs; echo \"exit=$?\"");
  await expectTerminal(page, /Detected unsettled top-level await at file:\/\/\/project\/ask\.mjs[\s\S]*exit=13/);
  // In the terminal with nothing piped in, the program waits for the person to type the answer (Backspace works).
  await run(page, "node ask.mjs; echo \"exit=$?\"");
  await expectTerminal(page, /exit=13[\s\S]*name\?\s*$/);
  await page.keyboard.type("Gracx");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("e");
  await page.keyboard.press("Enter");
  await expectTerminal(page, /name\? Grace\s+hello Grace\s+exit=0/);
  await page.screenshot({ path: "e2e/.artifacts/runtime-keyboard-input.png" });

  // An error thrown in a stream callback is the program's uncaught exception.
  await run(page, "node boom.js; echo \"exit=$?\"");
  await expectTerminal(page, /Error: bad chunk[\s\S]*exit=1/);

  // Objects of the runtime's own modules print with Node's class names (the sandbox bundle is minified).
  await run(page, "node -e \"const E = require('events'); const s = require('stream'); console.log('names', new E(), new s.PassThrough().constructor.name, new E().constructor.name)\"");
  // As Node 24 prints it: the emitter's own state over several lines, then the two names.
  await expectTerminal(page, /names EventEmitter \{\s+_events: \[Object: null prototype\] \{\},[\s\S]*\} PassThrough EventEmitter/);

  await run(page, "node -e \"require('http')\"; echo \"exit=$?\"");
  // The message is longer than a terminal line: compare without whitespace, where the terminal wraps it.
  const squeezed = (t: string) => t.replace(/\s+/g, "");
  const message =
    'node:http (servers and HTTP requests) is not available in the offline runtime, which runs in this browser tab without a network. ' +
    'Programs that use it need WebContainer: when you are online, pick "Auto" or "WebContainer" in the runtime menu of the status bar.';
  const afterMessage = async () => squeezed(await terminalText(page)).split(squeezed(message))[1] ?? "";
  await expect.poll(afterMessage, { timeout: 60_000 }).toContain("exit=1");
});
