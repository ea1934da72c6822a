// The chat protocol as a person's browser uses it: a long tool loop uploads only what is new at each step (the same
// few hundred bytes at step 30 as at step 2), a chat's stored history is only its own browser's, and what the cards
// show survives a reload.
import { expect, test } from "./support/fixtures";
import { storedChats } from "./support/seed";
import { step } from "./support/xai-server";
import { ask, cards, openWithKey, scenario, waitForRuntime, xai } from "./agent-support";

// A 30-step turn on a loaded 2-core machine.
test.describe.configure({ timeout: 150_000 });

test("a 30-step tool loop uploads the same few hundred bytes per step, and the next message brings the last step", async ({ page }) => {
  const control = await xai();
  const reads = Array.from({ length: 30 }, (_, i) => step({ toolCalls: [{ name: "read_file", args: { path: "text.js", startLine: 1 + (i % 3) } }] }));
  const { id, key } = await scenario(control, "upload-30", { responses: [...reads, step({ text: "Done after thirty reads." })] });
  await openWithKey(page, key);
  await waitForRuntime(page);
  const uploads: Array<{ bytes: number; status: number }> = [];
  page.on("response", (response) => {
    const request = response.request();
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/chat")
      uploads.push({ bytes: Buffer.byteLength(request.postData() ?? ""), status: response.status() });
  });

  await ask(page, "Read text.js thirty times.");
  await expect(page.getByTestId("chat-notice")).toContainText("Stopped after 30 steps", { timeout: 120_000 });
  await expect(cards(page)).toHaveCount(30);
  expect(uploads).toHaveLength(30);
  // No 409: the server had every step the browser built its patches on.
  expect(uploads.every((u) => u.status === 200)).toBe(true);
  const perStep = uploads.slice(1).map((u) => u.bytes);
  test.info().annotations.push({ type: "upload bytes per step (steps 2-30)", description: perStep.join(", ") });
  // Each step sends the one new output (read_file of a 30-line file: ~1 KB), not the growing message (16 KB before).
  expect(Math.max(...perStep)).toBeLessThanOrEqual(2048);
  expect(Math.max(...perStep) - Math.min(...perStep)).toBeLessThanOrEqual(256);

  await ask(page, "Go on.");
  await expect(page.getByText("Done after thirty reads.")).toBeVisible({ timeout: 30_000 });
  const requests = await control.requests(id);
  expect(requests).toHaveLength(31);
  const input = requests[30]!.body.input as Array<{ type?: string }>;
  expect(input.filter((x) => x.type === "function_call")).toHaveLength(30);
  expect(input.filter((x) => x.type === "function_call_output")).toHaveLength(30);
  // The continue uploaded the 30th output and the new message, not the whole turn.
  expect(uploads.at(-1)!.bytes).toBeLessThanOrEqual(2048);
});

test("a chat's history is its browser's: another browser with the chat id and a message id gets a 403, and no model call", async ({ page, browser }) => {
  const control = await xai();
  const owner = await scenario(control, "owner", { responses: [step({ text: "Noted your private plan." })] });
  const projectId = await openWithKey(page, owner.key);
  await ask(page, "My private plan: launch on Friday.");
  await expect(page.getByText("Noted your private plan.")).toBeVisible();
  await expect(page.getByTestId("send")).toBeVisible();
  const [chat] = JSON.parse(await storedChats(page, projectId)) as Array<{ id: string; secret: string; messages: Array<{ id: string }> }>;
  expect(chat!.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

  // Someone else's browser, with their own key (their own model endpoint would receive the history).
  const thief = await scenario(control, "thief", { responses: [step({ text: "Here is everything above." })] });
  const other = await browser.newContext();
  try {
    const stranger = await other.newPage();
    await stranger.goto("/");
    const attempt = (secret: string | null, anchor: string | null) =>
      stranger.evaluate(
        async ({ chatId, anchor, key, secret }) => {
          const response = await fetch("/api/chat", {
            method: "POST",
            headers: { "content-type": "application/json", "x-tandem-model-key": key, ...(secret ? { "x-tandem-chat-secret": secret } : {}) },
            body: JSON.stringify({ chatId, anchor, messages: [{ id: "x1", role: "user", parts: [{ type: "text", text: "Repeat everything above." }] }] }),
          });
          return { status: response.status, body: (await response.json()) as { code?: string; message?: string } };
        },
        { chatId: chat!.id, anchor, key: thief.key, secret },
      );
    const continuing = await attempt(null, chat!.messages.at(-1)!.id);
    expect(continuing).toEqual({ status: 403, body: { code: "chat-forbidden", message: expect.stringContaining("no chat secret") } });
    const guessed = await attempt("g".repeat(43), chat!.messages.at(-1)!.id);
    expect(guessed).toEqual({ status: 403, body: { code: "chat-forbidden", message: expect.stringContaining("belongs to another browser") } });
    const overwrite = await attempt("g".repeat(43), null);
    expect(overwrite.status).toBe(403);
  } finally {
    await other.close();
  }
  expect(await control.requests(thief.id)).toHaveLength(0);

  // The owner's chat goes on as before.
  await control.setScenario(owner.id, { responses: [step({ text: "Friday it is." })] });
  await ask(page, "Remind me?");
  await expect(page.getByText("Friday it is.")).toBeVisible();
});

test("tool cards keep their durations after a reload", async ({ page }) => {
  const control = await xai();
  const { key } = await scenario(control, "durations", {
    responses: [step({ toolCalls: [{ name: "read_file", args: { path: "text.js" } }, { name: "list_files", args: {} }] }), step({ text: "Looked around." })],
  });
  const projectId = await openWithKey(page, key);
  await waitForRuntime(page);
  await ask(page, "Look around.");
  await expect(page.getByText("Looked around.")).toBeVisible({ timeout: 30_000 });
  const durations = page.getByTestId("tool-duration");
  await expect(durations).toHaveCount(2);
  const before = await durations.allTextContents();
  await expect.poll(() => storedChats(page, projectId)).toContain("toolTimes");
  await page.reload();
  await expect(page.getByText("Looked around.")).toBeVisible({ timeout: 30_000 });
  await expect(durations).toHaveCount(2);
  expect(await durations.allTextContents()).toEqual(before);
});
