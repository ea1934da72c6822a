// The offline runtime as a person uses it: the terminal, node/npm, file changes flowing into the IDE, Ctrl+C on a
// runaway loop, and the WebContainer fallback (this machine has no network, so auto mode always falls back).
import { expect, test } from "./support/fixtures";
import { editorValue, focusEditor, mod, openFile, openProject } from "./editor-support";
import { expectTerminal, openTerminal, run, terminalText } from "./runtime-support";
import { nodeTests } from "../lib/templates/node-tests";

// The runtime boots a sandbox iframe and Workers; on a loaded 2-core machine that takes a while.
test.describe.configure({ timeout: 180_000 });

const nodeTemplate = Object.fromEntries(nodeTests.files.map(([p, c]) => [p, String(c)]));

test("WebContainer cannot boot offline: the status bar says why and the offline runtime takes over", async ({ page }) => {
  await openProject(page, { "a.txt": "x" }, "Fallback");
  const status = page.getByTestId("runtime-status");
  await expect(status).toHaveAttribute("data-kind", "offline", { timeout: 30_000 });
  await expect(status).toHaveAttribute("data-state", "ready");
  await expect(page.getByTestId("runtime-reason")).toContainText(/WebContainer|stackblitz/);
  await page.screenshot({ path: "e2e/.artifacts/runtime-fallback.png" });
});

test("Node + tests: npm test fails with exit 1, fix the bug in the editor, npm test passes", async ({ page }) => {
  await openProject(page, nodeTemplate, "Node + tests");
  await openTerminal(page);
  await run(page, 'npm test; echo "exit=$?"');
  await expectTerminal(page, "exit=1");
  const failing = await terminalText(page);
  expect(failing).toContain("✖ slugify makes URL-friendly slugs");
  expect(failing).toContain("ℹ fail 1");
  await page.screenshot({ path: "e2e/.artifacts/runtime-npm-test-failing.png" });

  await openFile(page, "text.js");
  await focusEditor(page);
  await page.keyboard.press(`${mod}+KeyH`);
  await page.keyboard.insertText('.replace(/^-+/, "")');
  await page.keyboard.press("Tab");
  await page.keyboard.insertText('.replace(/^-+|-+$/g, "")');
  await page.keyboard.press(`${mod}+Alt+Enter`);
  await page.keyboard.press("Escape");
  await expect.poll(() => editorValue(page)).toContain("/^-+|-+$/g");
  await page.keyboard.press(`${mod}+KeyS`);

  await page.locator('[data-testid="terminal-view"]:visible').click();
  await page.keyboard.press("Control+KeyL");
  await run(page, 'npm test; echo "exit=$?"');
  await expectTerminal(page, "exit=0");
  expect(await terminalText(page)).toContain("ℹ fail 0");
  await page.screenshot({ path: "e2e/.artifacts/runtime-npm-test-passing.png" });
});

test("a script that writes a file: the file appears in the tree and opens in the editor", async ({ page }) => {
  await openProject(page, { "make.js": "require('fs').writeFileSync('out/made.txt', 'made by node\\n');\n", "out/.keep": "" }, "Writes");
  await openTerminal(page);
  await run(page, "node make.js && ls out");
  await expectTerminal(page, "made.txt");
  await page.getByRole("treeitem", { name: /^out/ }).click();
  const item = page.getByRole("treeitem", { name: /made\.txt/ });
  await expect(item).toBeVisible();
  await item.click();
  await expect.poll(() => editorValue(page)).toBe("made by node\n");
});

test("while(true){} in node: Ctrl+C stops it, the page stays responsive, the shell still works", async ({ page }) => {
  await openProject(page, { "spin.js": "console.log('spinning now');\nwhile (true) {}\n" }, "Spin");
  await openTerminal(page);
  await run(page, "node spin.js");
  // Output is live: the line printed before the loop shows while the loop runs.
  await expectTerminal(page, "spinning now");
  // The IDE's own thread is free: a quick evaluate and a click on another tab both work.
  expect(await page.evaluate(() => 6 * 7)).toBe(42);
  await page.keyboard.press("Control+KeyC");
  await expectTerminal(page, "^C");
  await run(page, "echo still-alive");
  await expectTerminal(page, /still-alive[\s\S]*\$/);
});

test("output shows while a command runs; a second terminal tab can change what it waits for", async ({ page }) => {
  const waiter = "console.log('waiting for go');\nconst t = setInterval(() => {\n  if (require('fs').existsSync('go')) { clearInterval(t); console.log('got go'); }\n}, 20);\n";
  await openProject(page, { "wait.js": waiter }, "Live output");
  await openTerminal(page);
  await run(page, "echo start && node wait.js; echo done=$?");
  await expectTerminal(page, /start\s+waiting for go/);
  expect(await terminalText(page)).not.toContain("got go");
  await page.screenshot({ path: "e2e/.artifacts/runtime-live-output.png" });

  await page.getByTestId("terminal-new").click();
  await expect(page.locator('[data-testid="terminal-view"]:visible .xterm-rows')).toContainText("$", { timeout: 30_000 });
  await page.locator('[data-testid="terminal-view"]:visible').click();
  await run(page, "touch go");
  await page.getByTestId("terminal-tab-0").click();
  await expectTerminal(page, /got go\s+done=0/);
});

test("shell basics in the terminal: pipes, globs, history, several tabs", async ({ page }) => {
  await openProject(page, { "src/a.ts": "// TODO one\n", "src/b.ts": "// TODO two\n", "notes.md": "none\n" }, "Shell");
  await openTerminal(page);
  await run(page, "grep -rn TODO src | sort | wc -l");
  await expectTerminal(page, /\n\s*2\s*\n/);
  await run(page, "cd src && ls *.ts");
  await expectTerminal(page, "a.ts");
  // History: two steps back is the grep; run from src it finds nothing, which the exit code shows.
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await expectTerminal(page, /~\/src \$ grep -rn TODO src \| sort \| wc -l\s+0/);
  await page.getByTestId("terminal-new").click();
  await expect(page.getByTestId("terminal-tab-1")).toHaveAttribute("aria-selected", "true");
  await expect(page.locator('[data-testid="terminal-view"]:visible .xterm-rows')).toContainText("$");
});

test("a command typed past the terminal's right edge wraps once: no duplicate prompt rows", async ({ page }) => {
  await openProject(page, { "a.txt": "x" }, "Wrapping");
  await openTerminal(page);
  const word = "wrapping-words-";
  const command = `echo ${word.repeat(10)}end`;
  // Typed key by key, as a person does: each key redraws the line.
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
  await expectTerminal(page, /end\s+~ \$$/);
  const rows = (await terminalText(page)).split("\n");
  // One row starts with the prompt and the command, then its output and the next prompt: nothing else repeats it.
  expect(rows.filter((row) => row.startsWith("~ $ echo"))).toHaveLength(1);
  expect(rows.filter((row) => row.includes("~ $"))).toHaveLength(2);
  await page.screenshot({ path: "e2e/.artifacts/runtime-wrapping.png" });
});
