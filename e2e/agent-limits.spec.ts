// What stops the loop: a provider 5xx (with Retry), the per-message step limit set in settings, and Stop while a
// command the model started is still running (the command is killed, nothing else is sent to the model). After each,
// the next message brings the model what was done last: the last step's call and its result, never two user messages
// in a row.
import { expect, test } from "./support/fixtures";
import { httpError, step } from "./support/xai-server";
import { ask, cards, openWithKey, scenario, waitForRuntime, xai } from "./agent-support";
import { storedChats, storedFile } from "./support/seed";
import { expectTerminal, openTerminal, run } from "./runtime-support";

// Each test boots a runtime and streams several steps; a loaded 2-core machine needs room.
test.describe.configure({ timeout: 120_000 });

test("a 5xx from the provider is explained, and Retry sends the turn again", async ({ page }) => {
  const control = await xai();
  const { id, key } = await scenario(control, "unavailable", {
    responses: [httpError(503, "The service is temporarily overloaded."), step({ text: "Served on the second try." })],
  });
  await openWithKey(page, key);
  await ask(page, "Are you there?");
  const error = page.getByTestId("chat-error");
  await expect(error).toHaveAttribute("data-code", "server-error");
  await expect(error).toContainText(/503/);
  await page.screenshot({ path: "e2e/.artifacts/agent-503.png" });
  await page.getByTestId("retry").click();
  await expect(page.getByText("Served on the second try.")).toBeVisible();
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId("user-message")).toHaveCount(1);
  const requests = await control.requests(id);
  expect(requests).toHaveLength(2);
});

test("the step limit from settings stops a runaway loop with a clear message, and the next message goes on", async ({ page }) => {
  const control = await xai();
  const listing = () => step({ toolCalls: [{ name: "list_files", args: {} }] });
  const { id, key } = await scenario(control, "runaway", {
    responses: [listing(), listing(), listing(), listing(), step({ text: "Continuing as asked." })],
  });
  await openWithKey(page, key);
  await waitForRuntime(page);

  await page.getByTestId("assistant-settings-button").click();
  const dialog = page.getByTestId("assistant-settings");
  await dialog.getByLabel("Steps per message").fill("2");
  await dialog.getByTestId("save-settings").click();
  await expect(dialog).toBeHidden();

  await ask(page, "Look around forever.");
  await expect(page.getByTestId("chat-notice")).toContainText("Stopped after 2 steps, the limit per message (2)", { timeout: 30_000 });
  await expect(cards(page)).toHaveCount(2);
  expect(await control.requests(id)).toHaveLength(2);
  await page.screenshot({ path: "e2e/.artifacts/agent-step-limit.png" });

  await ask(page, "Go on.");
  await expect(cards(page)).toHaveCount(4, { timeout: 30_000 });
  await expect(page.getByTestId("chat-notice")).toContainText("Stopped after 2 steps");
  expect(await control.requests(id)).toHaveLength(4);
});

type InputItem = { type?: string; role?: string; name?: string; output?: string; content?: unknown };
/** The model input of a recorded request, as "function_call:edit_file", "function_call_output", "user", "assistant". */
const shape = (input: InputItem[]) => input.map((x) => (x.type === "function_call" ? `function_call:${x.name}` : (x.type ?? x.role ?? "?")));
const textOf = (item: InputItem) => JSON.stringify(item.content ?? "");

test("an edit as the last step before the step limit reaches the model with its result when the person continues", async ({ page }) => {
  const control = await xai();
  const listing = () => step({ toolCalls: [{ name: "list_files", args: {} }] });
  const edit = step({ toolCalls: [{ name: "edit_file", args: { path: "text.js", edits: [{ search: '    .replace(/^-+/, "");', replace: '    .replace(/^-+|-+$/g, "");' }] } }] });
  const { id, key } = await scenario(control, "limit-edit", { responses: [listing(), listing(), edit, step({ text: "The edit is in place." })] });
  const projectId = await openWithKey(page, key);
  await waitForRuntime(page);
  await page.getByTestId("assistant-settings-button").click();
  await page.getByTestId("assistant-settings").getByLabel("Steps per message").fill("3");
  await page.getByTestId("save-settings").click();

  await ask(page, "Fix the trailing dashes.");
  await expect(page.getByTestId("chat-notice")).toContainText("Stopped after 3 steps", { timeout: 30_000 });
  await expect(cards(page).nth(2)).toHaveAttribute("data-state", "output-available");
  await expect.poll(() => storedFile(page, projectId, "text.js")).toContain("/^-+|-+$/g");
  expect(await control.requests(id)).toHaveLength(3);

  await ask(page, "Please continue");
  await expect(page.getByText("The edit is in place.")).toBeVisible({ timeout: 30_000 });
  const requests = await control.requests(id);
  expect(requests).toHaveLength(4);
  const input = requests[3]!.body.input as InputItem[];
  // The third call and its result come before the new message; the model is told of the change it made.
  expect(shape(input).slice(-3)).toEqual(["function_call:edit_file", "function_call_output", "user"]);
  expect(input.at(-2)?.output).toMatch(/Updated text\.js: \+1 -1 lines/);
  expect(textOf(input.at(-1)!)).toContain("Please continue");
  expect(shape(input).filter((k) => k === "function_call_output")).toHaveLength(3);
  for (let i = 1; i < input.length; i++) expect(`${shape(input)[i - 1]} → ${shape(input)[i]}`).not.toBe("user → user");
});

test("Stop while the model's command runs: the command is killed, the card says so, the runtime still works, and the next message tells the model", async ({ page }) => {
  const control = await xai();
  const { id, key } = await scenario(control, "stop-command", {
    responses: [step({ toolCalls: [{ name: "run_command", args: { command: "node spin.js" } }] }), step({ text: "Going on without the spinner." })],
  });
  // If Stop did not kill it, the command would write late.txt after 4 s.
  const spin = "console.log('spinning');\nsetTimeout(() => require('fs').writeFileSync('late.txt', 'not stopped'), 4000);\n";
  await openWithKey(page, key, { "spin.js": spin, "package.json": '{ "name": "spin" }\n' });
  await waitForRuntime(page);
  await ask(page, "Run the spinner.");
  const card = cards(page).first();
  await expect(card).toHaveAttribute("data-state", "input-available", { timeout: 30_000 });
  // The command's live output reaches the card while it runs.
  await expect(card).toContainText("spinning", { timeout: 30_000 });
  await page.getByTestId("stop").click();
  await expect(card).toHaveAttribute("data-state", "output-error");
  await expect(card.getByTestId("tool-error")).toContainText("Stopped by the user.");
  await expect(page.getByTestId("chat-notice")).toHaveText("Stopped by the user.");
  await expect(page.getByTestId("send")).toBeVisible();
  expect(await control.requests(id)).toHaveLength(1);

  // The command's Worker was terminated: nothing it scheduled happens, and the runtime still runs commands.
  await openTerminal(page);
  await page.waitForTimeout(5_000);
  await run(page, "ls; echo after-stop");
  await expectTerminal(page, /spin\.js\s+after-stop/);
  await expect(page.getByRole("treeitem", { name: /late\.txt/ })).toHaveCount(0);
  expect(await control.requests(id)).toHaveLength(1);

  // The next message carries the stopped command and why it has no result: not two user messages in a row.
  await ask(page, "Go on without it.");
  await expect(page.getByText("Going on without the spinner.")).toBeVisible({ timeout: 30_000 });
  const requests = await control.requests(id);
  expect(requests).toHaveLength(2);
  const input = requests[1]!.body.input as InputItem[];
  expect(shape(input).filter((k) => k !== "system")).toEqual(["user", "function_call:run_command", "function_call_output", "user"]);
  expect(input.at(-2)?.output).toContain("Stopped by the user.");
  expect(textOf(input.at(-1)!)).toContain("Go on without it.");
});

test("the session line shows how full the model's context is, and warns with New chat when it is nearly full", async ({ page }) => {
  const control = await xai();
  const { key } = await scenario(control, "context-meter", {
    responses: [step({ text: "A small answer.", usage: { input: 12_000, output: 40 } }), step({ text: "A big answer.", usage: { input: 850_000, output: 100 } })],
  });
  const projectId = await openWithKey(page, key);
  const meter = page.getByTestId("context-meter");
  await ask(page, "Small question.");
  await expect(page.getByText("A small answer.")).toBeVisible();
  await expect(meter).toHaveText("context 12k / 1M (1%)");
  await expect(meter).not.toHaveAttribute("data-full");
  await expect(page.getByTestId("context-warning")).toHaveCount(0);

  await ask(page, "Big question.");
  await expect(page.getByText("A big answer.")).toBeVisible();
  await expect(meter).toHaveText("context 850k / 1M (85%)");
  await expect(meter).toHaveAttribute("data-full", "true");
  const warning = page.getByTestId("context-warning");
  await expect(warning).toContainText("fills most of the model's context window");
  await page.screenshot({ path: test.info().outputPath("context-meter.png") });
  // The answer is saved as soon as it ends (not after a debounce a reload could cut off), the fill with it.
  await expect(page.getByTestId("send")).toBeVisible();
  // Not polled: the write starts before the panel shows Send again, and IndexedDB orders this read after it.
  expect(await storedChats(page, projectId)).toContain('"context":{"tokens":850100,"window":1000000}');
  await page.reload();
  await expect(page.getByText("A big answer.")).toBeVisible();
  await expect(page.getByTestId("context-meter")).toHaveText("context 850k / 1M (85%)");
  await warning.getByRole("button", { name: "New chat" }).click();
  await expect(page.getByTestId("user-message")).toHaveCount(0);
  await expect(page.getByTestId("context-warning")).toHaveCount(0);
});
