// End-to-end encrypted links as a person makes and opens them: the key exists only in the link's fragment; the
// server has ciphertext and no names (its API and manifest say nothing readable); the whole link opens the project,
// a link without its key or with another key says so. (That the database holds no plaintext is proven at the store:
// lib/shares/client/publish.test.ts.)
import { expect, isLocal, test } from "./support/fixtures";
import { seedProject } from "./support/seed";

// Two browsers, each booting the runtime for the opened share: long on a loaded 2-core machine.
test.describe.configure({ timeout: 180_000 });

test("an end-to-end encrypted share: published from the dialog, opened with the key in the link, unreadable without", async ({ page, browser }) => {
  const projectId = await seedProject(page, { name: "Private notes", files: { "diary.md": "# Dear diary\n", "src/plan.js": "export const plan = 'secret plan';\n" } });
  await page.goto(`/p/${projectId}`);
  await page.getByTestId("share-button").click();
  const dialog = page.getByTestId("share-dialog");
  await dialog.getByTestId("share-title").fill("My encrypted notes");
  await dialog.getByTestId("share-encrypt").check();
  await dialog.getByTestId("share-publish").click();
  await expect(dialog.getByTestId("share-done")).toContainText("version 1");
  await expect(dialog.getByTestId("share-links")).toContainText("End-to-end encrypted");
  const link = await dialog.getByTestId("share-link").inputValue();
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{22}#key=[A-Za-z0-9_-]{22}$/);
  const id = link.split("/s/")[1]!.split("#")[0]!;

  // What the server knows: ciphertext, no title, no names.
  const info = await (await page.request.get(`/api/shares/${id}`)).json();
  expect(info).toMatchObject({ title: "", encrypted: true, versions: [{ number: 1, fileCount: null, message: "" }] });
  const manifest = await (await page.request.get(`/api/shares/${id}/v/1/manifest`)).body();
  const bundle = await (await page.request.get(`/api/shares/${id}/v/1`)).body();
  for (const bytes of [manifest, bundle]) for (const word of ["diary", "plan", "secret", "My encrypted notes"]) expect(bytes.toString("latin1")).not.toContain(word);

  // Publishing again reuses the share's key (kept in this browser).
  await dialog.getByRole("button", { name: "Publish another version" }).click();
  await dialog.getByTestId("share-message").fill("v2");
  await dialog.getByTestId("share-publish").click();
  await expect(dialog.getByTestId("share-done")).toContainText("version 2");

  // Another browser (no shared storage) opens the whole link.
  const viewer = await browser.newContext();
  const escaped: string[] = [];
  await viewer.route((url) => !isLocal(url.href), (route) => (escaped.push(route.request().url()), route.abort()));
  const other = await viewer.newPage();
  await other.goto(link);
  await expect(other.getByTestId("share-banner-title")).toHaveText("My encrypted notes");
  await expect(other.getByTestId("share-banner-version")).toContainText("version 2 of 2");
  await expect(other.getByRole("navigation", { name: "Files" })).toContainText("diary.md");
  await other.goto(link.split("#")[0]!);
  await expect(other.getByTestId("share-problem")).toHaveAttribute("data-code", "needs-key");
  await other.goto(`${link.split("#")[0]}#key=AAAAAAAAAAAAAAAAAAAAAA`);
  await other.reload();
  await expect(other.getByTestId("share-problem")).toHaveAttribute("data-code", "bad-key");
  await viewer.close();
  expect(escaped.filter((u) => !/stackblitz|webcontainer/.test(u))).toEqual([]);
});
