// The offline runtime's process model as a person meets it in the terminal: every `node` is a process of its own
// (nothing a program does to its globals reaches the next one, in this tab or another), a test file run directly
// exits 1 when a test fails, and `node --test` goes on past a file that fails to load.
import { expect, test } from "./support/fixtures";
import { openProject } from "./editor-support";
import { expectTerminal, openTerminal, run, terminalText } from "./runtime-support";

test.describe.configure({ timeout: 180_000 });

const files = {
  // A program that leaves its mark on the realm: a global, a patched builtin prototype, a replaced require cache.
  "count.js": [
    "globalThis.runs = (globalThis.runs ?? 0) + 1;",
    "const seen = 'polluted' in [];",
    "Array.prototype.polluted = true;",
    "const crypto = require('crypto');",
    "console.log(`runs=${runs} polluted-before=${seen} hash=${crypto.createHash('sha256').update('x').digest('hex').slice(0, 8)}`);",
    "globalThis.crypto = undefined;",
    "",
  ].join("\n"),
  "math.test.js": [
    "const test = require('node:test');",
    "const assert = require('node:assert');",
    "test('adds', () => assert.strictEqual(1 + 1, 2));",
    "test('is wrong', () => assert.strictEqual(2 * 2, 5));",
    "",
  ].join("\n"),
  "suite/test/a.test.js": "require('node:test')('first file', () => {});\n",
  "suite/test/b.test.js": "throw new Error('broken at load');\n",
  "suite/test/c.test.js": "require('node:test')('third file', () => { if (globalThis.shared) throw new Error('saw another file'); globalThis.shared = 1; });\n",
  "suite/test/d.test.js": "require('node:test')('fourth file', () => { if (globalThis.shared) throw new Error('saw another file'); globalThis.shared = 1; });\n",
};

test("every node run starts fresh: globals, prototypes and builtins never carry over, in this tab or a new one", async ({ page }) => {
  await openProject(page, files, "Processes");
  await openTerminal(page);
  await run(page, "node count.js");
  await expectTerminal(page, "runs=1 polluted-before=false hash=2d711642");
  await run(page, "node count.js && node count.js; echo exit=$?");
  await expectTerminal(page, /exit=0/);
  const text = await terminalText(page);
  expect(text.match(/runs=1 polluted-before=false hash=2d711642/g)).toHaveLength(3);
  expect(text).not.toContain("runs=2");

  await page.getByTestId("terminal-new").click();
  await expect(page.locator('[data-testid="terminal-view"]:visible .xterm-rows')).toContainText("$", { timeout: 30_000 });
  await page.locator('[data-testid="terminal-view"]:visible').click();
  await run(page, "node count.js");
  await expectTerminal(page, "runs=1 polluted-before=false hash=2d711642");
  await page.screenshot({ path: "e2e/.artifacts/runtime-fresh-processes.png" });
});

test("a failing test file run directly exits 1 with Node's summary; node --test goes on past a file that throws", async ({ page }) => {
  await openProject(page, files, "Test loop");
  await openTerminal(page);
  await run(page, "node math.test.js; echo direct=$?");
  await expectTerminal(page, "direct=1");
  const direct = await terminalText(page);
  expect(direct).toMatch(/✖ is wrong[\s\S]*ℹ tests 2\s+ℹ suites 0\s+ℹ pass 1\s+ℹ fail 1/);

  await page.keyboard.press("Control+KeyL");
  await run(page, "cd suite && node --test; echo all=$?");
  await expectTerminal(page, "all=1");
  const all = await terminalText(page);
  // Each file in its own process: the third and fourth both see a clean realm; the broken one is one failed test.
  expect(all).toMatch(/✔ first file[\s\S]*broken at load[\s\S]*✖ test\/b\.test\.js[\s\S]*✔ third file[\s\S]*✔ fourth file/);
  expect(all).toMatch(/ℹ tests 4\s+ℹ suites 0\s+ℹ pass 3\s+ℹ fail 1/);
  await page.screenshot({ path: "e2e/.artifacts/runtime-test-loop.png" });
});

test("a program that reads raw keys gets each key as typed, and the terminal's size and its resizes", async ({ page }) => {
  const keys = [
    "console.log('tty', process.stdout.isTTY, process.stdin.isTTY, process.stdout.columns > 20);",
    "process.stdout.on('resize', () => console.log('resized to', process.stdout.columns));",
    "process.stdin.setRawMode(true);",
    "process.stdin.on('data', (d) => {",
    "  const key = String(d);",
    "  console.log('key', JSON.stringify(key));",
    "  if (key === 'q') { process.stdin.setRawMode(false); process.exit(0); }",
    "});",
    "",
  ].join("\n");
  await openProject(page, { "keys.js": keys }, "Raw keys");
  await openTerminal(page);
  await run(page, "node keys.js; echo done=$?");
  await expectTerminal(page, "tty true true true");
  await page.keyboard.press("a");
  await expectTerminal(page, 'key "a"');
  await page.keyboard.press("ArrowUp");
  await expectTerminal(page, 'key "\\u001b[A"');
  // The window narrows: the terminal refits, the program hears about it.
  await page.setViewportSize({ width: 900, height: 700 });
  await expectTerminal(page, /resized to \d+/);
  await page.keyboard.press("q");
  await expectTerminal(page, /key "q"\s+done=0/);
  // Raw keys are not echoed: the typed "a" appears only in the program's own output.
  expect((await terminalText(page)).match(/\ba\b/g)?.length ?? 0).toBeLessThanOrEqual(1);
});
