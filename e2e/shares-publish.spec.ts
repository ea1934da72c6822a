// Publishing from the workspace as a person does: the Share dialog's pre-share check (secrets held back, packages
// and .env left out), publish, the links (copy, QR, embed, manage), a new version with a message, unpublish.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { seedProject } from "./support/seed";

const XAI_KEY = `xai-${"Zq8Lm2Vx".repeat(5)}`;

export const SHARED_FILES = {
  "index.js": 'console.log("hello from a share");\n',
  "README.md": "# Greeter\n\nRun `node index.js`.\n",
  "src/config.js": `export const key = "${XAI_KEY}";\n`,
  ".env": `XAI_API_KEY=${XAI_KEY}\n`,
  "node_modules/left-pad/index.js": "module.exports = (s) => s;\n",
};

async function manifestPaths(page: Page, id: string, n: number): Promise<string[]> {
  const response = await page.request.get(`/api/shares/${id}/v/${n}/manifest`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { files: Array<[string]> }).files.map((f) => f[0]);
}

/** Puts a saved assistant chat into the project (the record lib/agent/client/chat-persistence.ts writes). */
async function seedChat(page: Page, projectId: string): Promise<void> {
  await page.evaluate(async (projectId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open("tandem");
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const now = Date.now();
    const tx = db.transaction("chats", "readwrite");
    tx.objectStore("chats").put({
      id: "chat-1",
      projectId,
      title: "Explain index.js",
      createdAt: now,
      updatedAt: now,
      messages: [
        { id: "u1", role: "user", parts: [{ type: "text", text: "What does index.js do?" }] },
        { id: "a1", role: "assistant", parts: [{ type: "step-start" }, { type: "text", text: "It prints a greeting." }] },
      ],
      usage: { session: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0, costUsd: 0, steps: 0 }, turns: {} },
    });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, projectId);
}

test("Share: the pre-share check, publish with the AI chat, links, a new version, unpublish", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const projectId = await seedProject(page, { name: "Greeter", files: SHARED_FILES });
  await page.goto(`/p/${projectId}?e2e`);
  await expect(page.getByTestId("workspace")).toBeVisible();
  await seedChat(page, projectId);

  await page.getByTestId("share-button").click();
  const dialog = page.getByTestId("share-dialog");
  await expect(dialog).toBeVisible();
  const secrets = dialog.getByTestId("share-secrets");
  await expect(secrets).toContainText(".env");
  await expect(secrets).toContainText("environment file");
  await expect(secrets).toContainText("src/config.js");
  await expect(secrets).toContainText("xAI API key on line 1 (xai-Zq…)");
  await expect(secrets).not.toContainText(XAI_KEY);
  await expect(dialog.getByTestId("share-excluded")).toContainText("node_modules/");
  await expect(dialog.getByTestId("share-summary")).toHaveText(/^2 files · /);
  // Including the file with the key is possible, on purpose; then left out again.
  await dialog.getByTestId("share-secret-include-src/config.js").check();
  await expect(dialog.getByTestId("share-summary")).toHaveText(/^3 files · /);
  await dialog.getByTestId("share-secret-include-src/config.js").uncheck();
  await dialog.getByTestId("share-title").fill("Greeter demo");
  await dialog.getByTestId("share-include-chat").check();
  await dialog.getByTestId("share-publish").click();

  await expect(dialog.getByTestId("share-done")).toContainText("version 1 · 2 files");
  const link = await dialog.getByTestId("share-link").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{22}$/);
  const id = link.split("/s/")[1]!;
  await expect(dialog.getByTestId("share-version-link")).toHaveValue(`${link}/v/1`);
  await expect(dialog.getByTestId("share-embed")).toHaveValue(new RegExp(`<iframe src="http://127\\.0\\.0\\.1:\\d+/embed/${id}\\?view=split"`));
  await expect(dialog.getByTestId("share-manage-link")).toHaveValue(new RegExp(`/s/${id}#owner=[A-Za-z0-9_-]{43}$`));
  await expect(dialog.getByTestId("share-qr")).toBeVisible();
  await dialog.getByTestId("share-link-copy").click();
  await expect(dialog.getByTestId("share-link-copy")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.screenshot({ path: test.info().outputPath("share-dialog.png") });

  expect(await manifestPaths(page, id, 1)).toEqual(["README.md", "index.js"]);
  const info1 = await (await page.request.get(`/api/shares/${id}`)).json();
  expect(info1).toMatchObject({ title: "Greeter demo", versions: [{ number: 1, hasRecording: true }] });

  // A new version, with a message, of the files as they are now (changed while the dialog was open).
  await dialog.getByRole("button", { name: "Publish another version" }).click();
  await page.evaluate(() => (window as unknown as { __tandemTest: { write(p: string, c: string, o: string): boolean } }).__tandemTest.write("index.js", 'console.log("second take");\n', "agent"));
  await expect(dialog.getByTestId("share-existing")).toContainText("version 1");
  await dialog.getByTestId("share-message").fill("Second take");
  await dialog.getByTestId("share-publish").click();
  await expect(dialog.getByTestId("share-done")).toContainText("version 2");
  const info2 = await (await page.request.get(`/api/shares/${id}`)).json();
  expect(info2.versions.map((v: { message: string }) => v.message)).toEqual(["", "Second take"]);
  const v2 = await page.request.get(`/api/shares/${id}/v/2/manifest`);
  const v1 = await page.request.get(`/api/shares/${id}/v/1/manifest`);
  expect((await v2.text()) === (await v1.text())).toBe(false);

  // Unpublish (after confirming): the links stop working.
  await dialog.getByRole("button", { name: "Publish another version" }).click();
  page.once("dialog", (d) => void d.accept());
  await dialog.getByTestId("share-unpublish").click();
  await expect(dialog.getByTestId("share-existing")).toHaveCount(0);
  expect((await page.request.get(`/api/shares/${id}`)).status()).toBe(410);
});
