// Stop mid-stream, checkpoints with an undoable restore, the recorded real xAI streams, and the no-key demo.
import path from "node:path";
import { expect, test } from "./support/fixtures";

// Each test boots a runtime and streams several steps; a loaded 2-core machine needs room.
test.describe.configure({ timeout: 120_000 });
import { storedChats, storedFile } from "./support/seed";
import { recorded, step } from "./support/xai-server";
import { ask, cards, openWithKey, scenario, waitForRuntime, xai } from "./agent-support";

// Recorded real streams, kept in the repository (tests read only files inside it).
const FIXTURES = path.resolve(import.meta.dirname, "fixtures/xai");

test("Stop mid-stream ends the answer, keeps what arrived, and the next message works", async ({ page }) => {
  const control = await xai();
  const slow = step({ reasoning: "Thinking about a long answer.", text: "Part one of a long answer. ".repeat(40), chunk: 8 });
  const { id, key } = await scenario(control, "stop", { responses: [{ ...slow, hangAfter: 30 } as typeof slow, step({ text: "Short answer." })] });
  await openWithKey(page, key);
  await ask(page, "Tell me everything.");
  await expect(page.getByTestId("assistant-message").getByText(/Part one of a long answer/).first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("stop").click();
  await expect(page.getByTestId("chat-notice")).toHaveText("Stopped by the user.");
  await expect(page.getByTestId("send")).toBeVisible();
  expect(await control.requests(id)).toHaveLength(1);
  await ask(page, "Shorter please.");
  await expect(page.getByText("Short answer.")).toBeVisible();
});

test("restore to before a turn puts the files back, and the restore can be undone — across reloads", async ({ page }) => {
  const control = await xai();
  const { key } = await scenario(control, "checkpoint", {
    responses: [
      step({ toolCalls: [{ name: "edit_file", args: { path: "text.js", edits: [{ search: '    .replace(/^-+/, "");', replace: '    .replace(/^-+|-+$/g, "");' }] } }, { name: "write_file", args: { path: "notes.md", content: "# Notes\n" } }] }),
      step({ text: "Edited text.js and wrote notes.md." }),
    ],
  });
  const projectId = await openWithKey(page, key);
  await waitForRuntime(page);
  await ask(page, "Fix it and take notes.");
  await expect(page.getByText("Edited text.js and wrote notes.md.")).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => storedFile(page, projectId, "text.js")).toContain("/^-+|-+$/g");

  // Checkpoints are stored with the project: a reload keeps "restore" …
  await expect.poll(() => storedChats(page, projectId)).toContain("Edited text.js and wrote notes.md.");
  await page.reload();
  await expect(page.getByText("Edited text.js and wrote notes.md.")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("restore-checkpoint").click();
  await expect(page.getByTestId("restore-banner")).toBeVisible();
  await expect.poll(() => storedFile(page, projectId, "text.js")).toContain('.replace(/^-+/, "")');
  await expect(page.getByRole("treeitem", { name: /notes\.md/ })).toHaveCount(0);
  await page.screenshot({ path: "e2e/.artifacts/agent-restore.png" });

  // … and "undo restore".
  await expect.poll(() => storedFile(page, projectId, "notes.md")).toBeNull();
  await page.reload();
  await expect(page.getByTestId("restore-banner")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("undo-restore").click();
  await expect(page.getByTestId("restore-banner")).toHaveCount(0);
  await expect.poll(() => storedFile(page, projectId, "text.js")).toContain("/^-+|-+$/g");
  await expect.poll(() => storedFile(page, projectId, "notes.md")).toBe("# Notes\n");
});

test("recorded real xAI streams render: reasoning, markdown and usage", async ({ page }) => {
  const control = await xai();
  const { key } = await scenario(control, "recorded", {
    responses: [recorded(path.join(FIXTURES, "recorded-grok-code-fast-1-reasoning.jsonl")), recorded(path.join(FIXTURES, "recorded-grok-code-fast-1-text.jsonl"))],
  });
  await openWithKey(page, key, { "a.txt": "x\n" });
  await ask(page, "What is notable about Sonoran food?");
  const answer = page.getByTestId("assistant-message").first();
  await expect(answer.getByRole("heading", { name: /Overview of Sonoran Cuisine/ })).toBeVisible({ timeout: 30_000 });
  await expect(answer.getByTestId("reasoning")).toContainText(/Thought for|Reasoning/);
  await expect(page.getByTestId("turn-usage").first()).toContainText("in");
  await ask(page, "And another one?");
  await expect(page.getByTestId("assistant-message")).toHaveCount(2);
  await expect(page.getByTestId("assistant-message").nth(1)).not.toBeEmpty();
  await expect(page.getByTestId("chat-error")).toHaveCount(0);
  await page.screenshot({ path: "e2e/.artifacts/agent-recorded.png" });
});

test("no model configured: the panel says what to set, and the demo replays a session whose tools run for real", async ({ page }) => {
  test.setTimeout(120_000);
  const projectId = await openWithKey(page, null);
  await waitForRuntime(page);
  await expect(page.getByTestId("no-model")).toContainText("XAI_API_KEY");
  await page.getByTestId("watch-demo").click();
  await expect(page.getByTestId("assistant-message").locator("p").filter({ hasText: /^Fixed\./ })).toBeVisible({ timeout: 90_000 });
  await expect(cards(page)).toHaveCount(6);
  await expect(cards(page).nth(5)).toContainText("exit 0");
  await expect.poll(() => storedFile(page, projectId, "text.js")).toContain("/^-+|-+$/g");
  await page.screenshot({ path: "e2e/.artifacts/agent-demo.png" });
});

test("the chat follows a streaming answer; scrolling up stops that, and Jump to latest brings it back", async ({ page }) => {
  const control = await xai();
  const lines = (answer: string, n: number) => Array.from({ length: n }, (_, i) => `Line ${i + 1} of the ${answer} answer.`).join("\n\n");
  const { key } = await scenario(control, "follow", {
    responses: [
      step({ text: lines("first", 60), chunk: 40, delayMs: 10 }),
      step({ text: lines("second", 150), chunk: 30, delayMs: 25 }),
    ],
  });
  await openWithKey(page, key);
  const chat = page.getByTestId("chat-messages");
  const gap = () => chat.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

  await ask(page, "First.");
  await expect(page.getByText("Line 60 of the first answer.")).toBeVisible();
  await expect.poll(gap).toBeLessThan(2);
  await expect(page.getByTestId("jump-to-latest")).toBeHidden();

  // While the second answer streams, the person scrolls up to read: the view stays where they put it.
  await ask(page, "Second.");
  await expect(page.getByText("Line 20 of the second answer.")).toBeVisible();
  await chat.hover();
  await page.mouse.wheel(0, -600);
  await expect(page.getByTestId("jump-to-latest")).toBeVisible();
  const readingAt = await chat.evaluate((el) => el.scrollTop);
  await expect(page.getByText("Line 80 of the second answer.")).toBeAttached();
  expect(await chat.evaluate((el) => el.scrollTop)).toBe(readingAt);
  expect(await gap()).toBeGreaterThan(100);
  await page.screenshot({ path: test.info().outputPath("jump-to-latest.png") });

  await page.getByTestId("jump-to-latest").click();
  await expect(page.getByTestId("jump-to-latest")).toBeHidden();
  await expect(page.getByText("Line 150 of the second answer.")).toBeVisible();
  await expect.poll(gap).toBeLessThan(2);
});
