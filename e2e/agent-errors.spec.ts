// Bad tool calls come back to the model as errors it can act on, and provider/network failures appear in the chat
// with a cause and Retry — nothing already applied is lost.
import { expect, test } from "./support/fixtures";

// Each test boots a runtime and streams several steps; a loaded 2-core machine needs room.
test.describe.configure({ timeout: 120_000 });
import { httpError, step } from "./support/xai-server";
import { ask, cards, openWithKey, scenario, waitForRuntime, xai } from "./agent-support";

test("malformed arguments, unknown tool, path escape, a missing and an ambiguous edit match: the loop continues and the model sees each error", async ({ page }) => {
  const control = await xai();
  const { id, key } = await scenario(control, "bad-calls", {
    responses: [
      step({
        toolCalls: [
          { name: "read_file", args: null, rawArguments: '{"path": "text.js"' },
          { name: "delete_everything", args: {} },
          { name: "read_file", args: { path: "../../etc/passwd" } },
          { name: "edit_file", args: { path: "text.js", edits: [{ search: "function slugify(txt) {", replace: "x" }] } },
          { name: "edit_file", args: { path: "text.js", edits: [{ search: "  return text\n", replace: "  return text.trim()\n" }] } },
        ],
      }),
      step({ text: "I see what went wrong with each call." }),
    ],
  });
  await openWithKey(page, key);
  await waitForRuntime(page);
  await ask(page, "Try some things.");
  await expect(page.getByText("I see what went wrong with each call.")).toBeVisible({ timeout: 30_000 });
  await expect(cards(page)).toHaveCount(5);
  for (let i = 0; i < 5; i++) await expect(cards(page).nth(i)).toHaveAttribute("data-state", "output-error");
  // A failed edit says so (not "Editing text.js" as if it still ran) and shows the text it searched for.
  const failedEdit = cards(page).nth(3);
  await expect(failedEdit).toContainText("Edit of text.js failed");
  await expect(failedEdit.getByTestId("failed-search")).toContainText("function slugify(txt) {");
  await expect(cards(page).nth(4).getByTestId("tool-error")).toContainText("occurs 2 times");
  await page.screenshot({ path: "e2e/.artifacts/agent-tool-errors.png" });

  const requests = await control.requests(id);
  expect(requests).toHaveLength(2);
  const outputs = (requests[1]!.body.input as Array<{ type: string; output?: string }>).filter((x) => x.type === "function_call_output").map((x) => x.output ?? "");
  expect(outputs).toHaveLength(5);
  expect(outputs.join("\n")).toMatch(/delete_everything/);
  expect(outputs.join("\n")).toMatch(/leaves the project/);
  expect(outputs.join("\n")).toMatch(/not found[\s\S]*closest match at line \d+/);
  // The ambiguous match shows its candidates, numbered, as the tool's description promises.
  expect(outputs[4]).toMatch(/occurs 2 times \(at lines 3, 11\)[\s\S]*candidate 1 of 2, at line 3:\n2\texport function titleCase\(text\) \{\n3\t  return text/);
  // The file was not touched by the failed edit.
  await expect(page.getByTestId("inline-diff")).toHaveCount(0);
});

test("a 429 with retry-after, then Retry after the wait", async ({ page }) => {
  const control = await xai();
  const { key } = await scenario(control, "limited", { responses: [httpError(429, "Too many requests", { "retry-after": "8" }), step({ text: "Back after the wait." })] });
  await openWithKey(page, key);
  await ask(page, "Hello?");
  const error = page.getByTestId("chat-error");
  await expect(error).toHaveAttribute("data-code", "rate-limited");
  await expect(error).toContainText("rate-limiting");
  await expect(page.getByTestId("retry")).toContainText(/Retry in \d s/);
  await expect(page.getByTestId("retry")).toBeDisabled();
  await page.screenshot({ path: "e2e/.artifacts/agent-429.png" });
  await expect(page.getByTestId("retry")).toBeEnabled({ timeout: 15_000 });
  await page.getByTestId("retry").click();
  await expect(page.getByText("Back after the wait.")).toBeVisible();
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId("user-message")).toHaveCount(1);
});

test("a chat longer than the model's context window says so and offers a new chat, keeping the old one", async ({ page }) => {
  const control = await xai();
  const tooLong = httpError(400, "This model's maximum prompt length is 1000000 but the request contains 1043210 tokens.");
  const { key } = await scenario(control, "context-full", { responses: [tooLong, step({ text: "A fresh start." })] });
  await openWithKey(page, key);
  await ask(page, "Summarise everything we did.");
  const error = page.getByTestId("chat-error");
  await expect(error).toHaveAttribute("data-code", "context-full");
  await expect(error).toContainText("no longer fits the model's context window");
  await expect(error).toContainText("maximum prompt length is 1000000");
  // Retrying would send the same chat again: the way out is a new chat.
  await expect(page.getByTestId("retry")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("context-full.png") });
  await page.getByTestId("error-new-chat").click();
  await expect(page.getByTestId("user-message")).toHaveCount(0);
  await ask(page, "Start over with text.js.");
  await expect(page.getByText("A fresh start.")).toBeVisible();
  // The long chat is still there to go back to (the list refreshes when the picker gets focus).
  await page.getByTestId("chat-select").focus();
  await expect(page.getByTestId("chat-select").locator("option")).toHaveCount(2);
  await expect(page.getByTestId("chat-select").locator("option").filter({ hasText: "Summarise everything" })).toHaveCount(1);
});

test("a dropped stream after a completed tool step: Retry continues without losing the applied edit", async ({ page }) => {
  const control = await xai();
  const long = step({ text: "Now I will explain at length what happened in this project and why. ".repeat(10) });
  const { key } = await scenario(control, "dropped", {
    responses: [
      step({ toolCalls: [{ name: "edit_file", args: { path: "text.js", edits: [{ search: '    .replace(/^-+/, "");', replace: '    .replace(/^-+|-+$/g, "");' }] } }] }),
      { ...long, dropAfter: 8 } as typeof long,
      step({ text: "Recovered: the fix is in place." }),
    ],
  });
  await openWithKey(page, key);
  await waitForRuntime(page);
  await ask(page, "Fix slugify.");
  await expect(page.getByTestId("chat-error")).toHaveAttribute("data-code", "stream-dropped", { timeout: 30_000 });
  // One clear message, not the SDK's words ("Cannot connect to API: other side closed", "Failed to process …").
  await expect(page.getByTestId("chat-error")).toContainText("The connection to xAI broke off before the answer was complete.");
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toHaveAttribute("data-state", "output-available");
  await page.getByTestId("retry").click();
  await expect(page.getByText("Recovered: the fix is in place.")).toBeVisible();
  await expect(page.getByText("Now I will explain at length")).toHaveCount(0);
  await expect(cards(page)).toHaveCount(1);
});

test("a bad key and the browser going offline are explained, and Retry works once fixed", async ({ page, context }) => {
  await openWithKey(page, "xai-test-no-such-scenario");
  await ask(page, "Hi");
  await expect(page.getByTestId("chat-error")).toHaveAttribute("data-code", "bad-key");
  await expect(page.getByTestId("chat-error")).toContainText("rejected the API key");

  const control = await xai();
  const { key } = await scenario(control, "offline", { responses: [step({ text: "Online again." })] });
  await page.evaluate((k) => localStorage.setItem("tandem.agent.settings", JSON.stringify({ apiKey: k })), key);
  await context.setOffline(true);
  await page.getByTestId("retry").click();
  await expect(page.getByTestId("chat-error")).toHaveAttribute("data-code", "offline");
  await context.setOffline(false);
  await page.getByTestId("retry").click();
  await expect(page.getByText("Online again.")).toBeVisible();
});
