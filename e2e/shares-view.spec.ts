// Viewing a share as a person does: it opens read-only and runs at once in the viewer's own runtime; the banner says
// what it is; versions can be opened and compared; the first keystroke offers to fork and the fork keeps it; forks
// remember their origin and carry it into their own shares; every way a share can fail is a clear page.
import { nodeTests } from "../lib/templates/node-tests";
import { editorValue, focusEditor, mod, openFile } from "./editor-support";
import { expectTerminal, openTerminal, run } from "./runtime-support";
import { publishFiles } from "./shares-support";
import { expect, test } from "./support/fixtures";

test.describe.configure({ timeout: 180_000 });

const template = Object.fromEntries(nodeTests.files.map(([p, c]) => [p, String(c)]));

test("a share opens read-only and ready to run: tree, editor, terminal (npm test), banner — with no CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|frame|create|connect)/i.test(m.text())) violations.push(m.text());
  });
  const share = await publishFiles(template, { title: "Slugify kata" });
  await page.goto(`/s/${share.id}?e2e`);
  const banner = page.getByTestId("share-banner");
  await expect(banner.getByTestId("share-banner-title")).toHaveText("Slugify kata");
  await expect(banner.getByTestId("share-banner-version")).toContainText("version 1 of 1 · just now");
  await expect(page.getByRole("navigation", { name: "Files" })).toContainText("text.test.js");
  await openTerminal(page);
  await run(page, 'npm test; echo "exit=$?"');
  await expectTerminal(page, "exit=1");
  await expectTerminal(page, "ℹ fail 1");
  await page.screenshot({ path: test.info().outputPath("share-view.png") });
  // Read-only: nothing offers to save, and the status bar says so.
  await expect(page.getByTestId("status-bar")).toContainText("Read-only");
  await expect(page.getByTestId("share-button")).toHaveCount(0);
  expect(violations).toEqual([]);
});

test("the first keystroke offers to fork and the fork keeps it; the fork remembers its origin", async ({ page }) => {
  const share = await publishFiles({ "notes.md": "abc\n", "index.js": "console.log(1);\n" }, { title: "Notes" });
  await page.goto(`/s/${share.id}?e2e`);
  await expect(page.getByTestId("workspace")).toBeVisible();
  await openFile(page, "notes.md");
  await focusEditor(page);
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type("X");
  const prompt = page.getByTestId("fork-prompt");
  await expect(prompt).toBeVisible();
  await expect(prompt.getByTestId("fork-prompt-key")).toHaveText("X");
  await prompt.getByTestId("fork-prompt-fork").click();
  await expect(page).toHaveURL(/\/p\/[A-Za-z0-9_-]{10}/);
  await expect(page.getByTestId("project-origin")).toContainText("forked from Notes v1");
  await expect.poll(() => editorValue(page)).toBe("abc\nX");
  // The cursor is after the kept keystroke: typing goes on from there.
  await page.keyboard.type("yz");
  await expect.poll(() => editorValue(page)).toBe("abc\nXyz");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");

  // Its own share is a fork of the one it came from.
  await page.getByTestId("share-button").click();
  const dialog = page.getByTestId("share-dialog");
  await dialog.getByTestId("share-publish").click();
  const link = await dialog.getByTestId("share-link").inputValue();
  const info = await (await page.request.get(`/api/shares/${link.split("/s/")[1]}`)).json();
  expect(info.forkedFrom).toEqual({ share: share.id, version: 1, title: "Notes", available: true });
  await page.goto(link);
  await expect(page.getByTestId("share-banner-forked")).toContainText("forked from Notes v1");
});

test("versions: open any, compare two in Monaco's diff editor", async ({ page }) => {
  const { id, secret } = await publishFiles({ "a.js": "const a = 1;\n", "b.js": "old\n" }, { title: "Versions" });
  await publishFiles({ "a.js": "const a = 2;\n", "c.js": "new\n" }, { message: "a changed, b gone, c new", target: { id, ownerSecret: secret, base: 1 } });
  await page.goto(`/s/${id}`);
  await expect(page.getByTestId("share-banner-version")).toContainText("version 2 of 2");
  await page.getByTestId("share-versions").click();
  const dialog = page.getByTestId("versions-dialog");
  await expect(dialog.getByTestId("versions-list")).toContainText("a changed, b gone, c new");
  await dialog.getByTestId("compare-run").click();
  await expect(dialog.getByTestId("compare-files")).toHaveText(/M a\.js.*D b\.js.*A c\.js/);
  await expect(dialog.getByTestId("version-diff").locator(".monaco-diff-editor")).toBeVisible();
  await expect(dialog.getByTestId("version-diff")).toContainText("const a = 2;");
  await page.screenshot({ path: test.info().outputPath("share-compare.png") });
  await dialog.getByTestId("versions-open-1").click();
  await expect(page).toHaveURL(new RegExp(`/s/${id}/v/1$`));
  await expect(page.getByTestId("share-banner-version")).toContainText("version 1 of 2");
  await expect(page.getByRole("navigation", { name: "Files" })).toContainText("b.js");
});

test("unknown, unpublished, damaged and too large shares get a clear page", async ({ page }) => {
  const problem = page.getByTestId("share-problem");
  await page.goto("/s/AAAAAAAAAAAAAAAAAAAAAA");
  await expect(problem).toHaveAttribute("data-code", "not-found");
  await expect(problem).toContainText("There is no share here");
  await page.goto("/s/not-a-share");
  await expect(problem).toContainText("not a share link");

  const gone = await publishFiles({ "x.js": "1" });
  const { unpublishShare } = await import("../lib/shares/client/api");
  const { api } = await import("./shares-support");
  await unpublishShare(api(), gone.id, gone.secret);
  await page.goto(`/s/${gone.id}`);
  await expect(problem).toHaveAttribute("data-code", "gone");
  await expect(problem).toContainText("unpublished by its owner");

  // A proxy or cache in between that changes a byte: the browser checks every blob against its hash.
  const damaged = await publishFiles({ "x.js": "the original content" });
  await page.route(`**/api/shares/${damaged.id}/v/1`, async (route) => {
    const response = await route.fetch();
    const { gunzipSync } = await import("node:zlib");
    const body = Buffer.from(gunzipSync(await response.body()).toString("latin1").replace("the original content", "the tampered content"), "latin1");
    await route.fulfill({ response, body, headers: { ...response.headers(), "content-type": "application/vnd.tandem.blobs", "content-length": String(body.byteLength) } });
  });
  await page.goto(`/s/${damaged.id}/v/1`);
  await expect(problem).toHaveAttribute("data-code", "corrupted");
  await expect(problem).toContainText("arrived damaged");

  const large = await publishFiles({ "x.js": "small" });
  await page.route(`**/api/shares/${large.id}`, async (route) => {
    const response = await route.fetch();
    const info = await response.json();
    info.versions[0].bytes = 500 * 1024 * 1024;
    await route.fulfill({ response, json: info });
  });
  await page.goto(`/s/${large.id}`);
  await expect(problem).toHaveAttribute("data-code", "too-large");
  await expect(problem).toContainText("500 MB");
});
