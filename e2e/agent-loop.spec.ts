// The pair programmer end to end: the app's real @ai-sdk/xai provider talks to a local xAI stand-in; tool calls run
// in the browser against the project and the runtime, in a multi-step loop.
import { expect, test } from "./support/fixtures";
import { storedFile } from "./support/seed";
import { editorValue } from "./editor-support";
import { ask, cards, fixTheTestSteps, openWithKey, scenario, waitForRuntime, xai } from "./agent-support";

test("make the failing test pass: list, read, run, edit, run again — right in the editor, the runtime and after a reload", async ({ page }) => {
  test.setTimeout(120_000);
  const control = await xai();
  const { id: scenarioId, key } = await scenario(control, "fix", { responses: fixTheTestSteps() });
  const projectId = await openWithKey(page, null);
  await waitForRuntime(page);

  // A person adds their own key in the settings dialog.
  await page.getByTestId("assistant-settings-button").click();
  await page.getByTestId("api-key-input").fill(key);
  await page.getByTestId("save-settings").click();

  await ask(page, "The tests fail. Find the bug and make them pass.");
  await expect(page.getByTestId("assistant-message").locator("p").filter({ hasText: /^Fixed\./ })).toBeVisible({ timeout: 45_000 });
  await expect(cards(page)).toHaveCount(6);
  const tools = await cards(page).evaluateAll((els) => els.map((e) => `${e.getAttribute("data-tool")}:${e.getAttribute("data-state")}`));
  expect(tools).toEqual([
    "list_files:output-available",
    "read_file:output-available",
    "read_file:output-available",
    "run_command:output-available",
    "edit_file:output-available",
    "run_command:output-available",
  ]);
  await expect(cards(page).nth(3)).toContainText("exit 1");
  await expect(cards(page).nth(5)).toContainText("exit 0");
  await expect(page.getByTestId("inline-diff").first()).toContainText('.replace(/^-+|-+$/g, "");');
  await expect(page.getByTestId("turn-usage")).toBeVisible();
  await expect(page.getByTestId("session-usage")).toContainText("$0.0020");
  await page.screenshot({ path: "e2e/.artifacts/agent-fix-the-test.png" });

  // What the model saw: every call got its result, in order; the test run after the edit passed.
  const requests = await control.requests(scenarioId);
  expect(requests).toHaveLength(5);
  const outputs = (i: number) =>
    (requests[i]!.body.input as Array<{ type: string; output?: string }>).filter((x) => x.type === "function_call_output").map((x) => x.output ?? "");
  expect(outputs(2)).toHaveLength(4);
  expect(outputs(2)[3]).toMatch(/exit code 1/);
  expect(outputs(4).at(-1)).toMatch(/exit code 0[\s\S]*fail 0/);

  // Prefix stability and the cache key, on the recorded requests: each request extends the previous byte for byte.
  for (let i = 1; i < requests.length; i++) {
    const prev = requests[i - 1]!.body;
    const cur = requests[i]!.body;
    expect(cur.prompt_cache_key).toBe(prev.prompt_cache_key);
    expect(cur.instructions).toBe(prev.instructions);
    expect(JSON.stringify(cur.tools)).toBe(JSON.stringify(prev.tools));
    const a = JSON.stringify(prev.input);
    expect(JSON.stringify(cur.input).startsWith(a.slice(0, -1))).toBe(true);
  }
  expect(typeof requests[0]!.body.prompt_cache_key).toBe("string");

  // The file is right in the editor and persisted; after a reload the chat is still there.
  // "Open" on the edit card opens the file in the editor.
  await cards(page).nth(4).getByRole("button", { name: "Open" }).click();
  await expect.poll(() => editorValue(page), { timeout: 45_000 }).toContain('.replace(/^-+|-+$/g, "");');
  await expect.poll(() => storedFile(page, projectId, "text.js")).toContain("/^-+|-+$/g");
  await page.reload();
  await expect(page.getByTestId("assistant-message").locator("p").filter({ hasText: /^Fixed\./ })).toBeVisible({ timeout: 30_000 });
  await expect(cards(page)).toHaveCount(6);
});
