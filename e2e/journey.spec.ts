// A person's first session (templates themselves: home-projects.spec.ts): edit and save, make and rename a folder, quick-open, search,
// reload — and everything is back.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const mod = process.platform === "darwin" ? "Meta" : "Control";
const item = (page: Page, path: string) => page.locator(`[role=treeitem][data-path="${path}"]`);
const editorValue = (page: Page) => page.evaluate(() => (window as { __tandemEditor?: { getValue(): string } }).__tandemEditor?.getValue() ?? null);
const editorPath = (page: Page) => page.evaluate(() => (window as { __tandemEditor?: { getPath(): string | null } }).__tandemEditor?.getPath() ?? null);

async function createFromTemplate(page: Page, template: RegExp, name: string) {
  await page.goto("/");
  await page.getByRole("button", { name: template }).click();
  const nameBox = page.getByRole("textbox", { name: /name/i });
  await nameBox.fill(name);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/p\/[^/]+$/);
  await expect(page.getByTestId("project-name")).toHaveText(name);
}

test("edit, save, create and rename a folder, quick-open, search, reload: everything is back", async ({ page }) => {
  await createFromTemplate(page, /Static site/, "Journey");
  // Edit and save index.html.
  await item(page, "index.html").click();
  await expect.poll(() => editorPath(page)).toBe("index.html");
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type("<!-- journey mark -->");
  await page.keyboard.press(`${mod}+KeyS`);
  await expect(page.locator('[data-testid="editor-tab"][data-path="index.html"]')).not.toHaveAttribute("data-dirty", "true");

  // A folder with a file in it, through the context menu, then renamed with F2.
  const tree = page.getByRole("tree", { name: "Project files" });
  await tree.click({ button: "right", position: { x: 40, y: 260 } });
  const menu = page.getByRole("menu", { name: "File actions" });
  await menu.getByRole("menuitem", { name: /New folder/ }).click();
  await page.getByTestId("file-tree-name-input").fill("lib");
  await page.keyboard.press("Enter");
  await item(page, "lib").click({ button: "right" });
  await menu.getByRole("menuitem", { name: /New file/ }).click();
  await page.getByTestId("file-tree-name-input").fill("helpers.js");
  await page.keyboard.press("Enter");
  await expect(item(page, "lib/helpers.js")).toBeVisible();
  await item(page, "lib").click();
  await page.keyboard.press("F2");
  await page.getByTestId("file-tree-name-input").fill("utils");
  await page.keyboard.press("Enter");
  await expect(item(page, "utils/helpers.js")).toBeVisible();
  await expect(item(page, "lib")).toHaveCount(0);

  // Quick open the moved file and type into it without saving.
  await page.keyboard.press(`${mod}+KeyP`);
  await page.getByRole("combobox", { name: "Go to file" }).fill("helpers");
  await page.keyboard.press("Enter");
  await expect.poll(() => editorPath(page)).toBe("utils/helpers.js");
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.type("export const draft = 1;");
  await expect(page.locator('[data-testid="editor-tab"][data-path="utils/helpers.js"]')).toHaveAttribute("data-dirty", "true");

  // Search finds the saved edit.
  await page.keyboard.press(`${mod}+Shift+KeyF`);
  await page.getByRole("textbox", { name: "Search in files" }).fill("journey mark");
  await expect(page.getByTestId("search-summary")).toHaveText("1 result in 1 file");
  await page.keyboard.press("Escape");
  await page.waitForTimeout(1_200); // autosave (≤ 1 s) and the editor state (300 ms)

  await page.reload();
  await expect(page.getByTestId("project-name")).toHaveText("Journey");
  await expect(item(page, "utils")).toBeVisible();
  await expect(item(page, "lib")).toHaveCount(0);
  await expect(page.getByTestId("editor-tab")).toHaveCount(2);
  await expect(page.locator('[data-testid="editor-tab"][aria-selected="true"]')).toHaveAttribute("data-path", "utils/helpers.js");
  await expect.poll(() => editorValue(page)).toContain("export const draft = 1;");
  await page.locator('[data-testid="editor-tab"][data-path="index.html"]').click();
  await expect.poll(() => editorValue(page)).toContain("<!-- journey mark -->");
  await page.screenshot({ path: "e2e/.artifacts/journey-after-reload.png" });
});
