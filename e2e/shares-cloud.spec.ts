// "Save to cloud": a local project kept on the server as a private share (owner only), opened in another browser
// with its manage link, and kept in step by publishing versions from either side; Home lists the shares this browser
// owns, clearly marked.
import { editorValue, focusEditor, mod, openFile } from "./editor-support";
import { expect, isLocal, test } from "./support/fixtures";
import { seedProject } from "./support/seed";

test.describe.configure({ timeout: 180_000 });

test("Save to cloud, open it in another browser with the manage link, publish from there; Home shows it", async ({ page, browser }) => {
  const projectId = await seedProject(page, { name: "Thesis", files: { "chapter1.md": "Once\n" } });
  await page.goto(`/p/${projectId}`);
  await page.getByTestId("cloud-button").click();
  const dialog = page.getByTestId("cloud-dialog");
  await dialog.getByTestId("share-publish").click();
  await expect(dialog.getByTestId("share-done")).toContainText("Saved: version 1");
  await expect(dialog.getByTestId("share-link")).toHaveCount(0); // nothing to hand out: it is private
  const manage = await dialog.getByTestId("share-manage-link").inputValue();
  const id = manage.split("/s/")[1]!.split("#")[0]!;
  const secret = new URLSearchParams(manage.split("#")[1]).get("owner")!;
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("cloud-button")).toHaveText("Cloud v1");

  // Private: nobody without the secret opens it.
  expect((await page.request.get(`/api/shares/${id}`)).status()).toBe(403);
  expect((await page.request.get(`/api/shares/${id}/v/1`)).status()).toBe(403);

  await page.goto("/");
  const entry = page.getByTestId("owned-share").filter({ hasText: "Thesis" });
  await expect(entry).toHaveAttribute("data-kind", "cloud");
  await expect(entry).toContainText("cloud copy · private · v1");
  await expect(entry.getByRole("link", { name: "Open project" })).toHaveAttribute("href", `/p/${projectId}`);

  // Another browser: the manage link opens it (and is taken out of the address bar), then it becomes a project there.
  const laptop = await browser.newContext();
  await laptop.route((url) => !isLocal(url.href), (route) => route.abort());
  const other = await laptop.newPage();
  await other.goto(manage);
  await expect(other.getByTestId("share-banner-title")).toHaveText("Thesis");
  await expect(other).not.toHaveURL(/owner=/);
  await other.getByTestId("share-fork").click();
  await expect(other).toHaveURL(/\/p\/[A-Za-z0-9_-]{10}/);
  await expect(other.getByTestId("project-origin")).toHaveCount(0);
  await openFile(other, "chapter1.md");
  await focusEditor(other);
  await other.keyboard.press(`${mod}+End`);
  await other.keyboard.type("upon a time");
  await expect.poll(() => editorValue(other)).toBe("Once\nupon a time");
  await other.keyboard.press(`${mod}+KeyS`);
  await expect(other.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  await expect(other.getByTestId("cloud-button")).toHaveText("Cloud v1");
  await other.getByTestId("cloud-button").click();
  const otherDialog = other.getByTestId("cloud-dialog");
  await expect(otherDialog.getByTestId("share-existing")).toContainText("Cloud copy as “Thesis”, version 1");
  await otherDialog.getByTestId("share-message").fill("from the laptop");
  await otherDialog.getByTestId("share-publish").click();
  await expect(otherDialog.getByTestId("share-done")).toContainText("version 2");
  await other.goto("/");
  await expect(other.getByTestId("owned-share").filter({ hasText: "Thesis" })).toContainText("v2");
  await laptop.close();

  const info = await (await page.request.get(`/api/shares/${id}`, { headers: { "x-tandem-owner": secret } })).json();
  expect(info.versions.map((v: { message: string }) => v.message)).toEqual(["", "from the laptop"]);
});
