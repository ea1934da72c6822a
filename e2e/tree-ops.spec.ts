// The file tree as a person uses it: keyboard, context menu, drag and drop; names are text; errors inline.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { seedProject, storedFile } from "./support/seed";

// Generous: these drive the whole workspace (editor, runtime) on a 2-core machine that may be busy.
test.describe.configure({ timeout: 120_000 });

const files = {
  "README.md": "# Tree test\n",
  "src/index.js": "console.log('hi');\n",
  "src/util/math.js": "export const add = (a, b) => a + b;\n",
  "docs/guide.md": "guide\n",
  "docs/intro.md": "intro\n",
  "<script>alert(1)<script>.html": "<p>hostile name</p>\n",
};

async function openTree(page: Page, seed: Record<string, string> = files) {
  const id = await seedProject(page, { name: "Tree test", files: seed });
  await page.goto(`/p/${id}`);
  const tree = page.getByRole("tree", { name: "Project files" });
  await expect(tree).toBeVisible();
  await settle(page);
  return { id, tree };
}

/**
 * The terminal focuses itself when it mounts (components/terminal/XtermView.tsx), which would pull focus out of the
 * tree mid-test (and cancel an open name box). Wait until it has mounted and had its frame.
 */
async function settle(page: Page) {
  await page.getByTestId("terminal-view").first().waitFor({ state: "attached", timeout: 30_000 }).catch(() => undefined);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

const item = (page: Page, name: string) => page.getByRole("treeitem", { name, exact: true });
const activeName = (page: Page) =>
  page.evaluate(() => {
    const tree = document.querySelector('[data-testid="file-tree"]');
    const id = tree?.getAttribute("aria-activedescendant");
    return id ? document.getElementById(id)?.getAttribute("aria-label") ?? null : null;
  });

test("names are shown as text, never as HTML; rows have tree roles", async ({ page }) => {
  const { tree } = await openTree(page);
  const hostile = item(page, "<script>alert(1)<script>.html");
  await expect(hostile).toBeVisible();
  await expect(hostile).toContainText("<script>alert(1)<script>.html");
  expect(await tree.locator("script").count()).toBe(0);
  await expect(item(page, "src")).toHaveAttribute("aria-expanded", "false");
  await expect(item(page, "src")).toHaveAttribute("aria-level", "1");
  await page.screenshot({ path: "e2e/.artifacts/tree-hostile-names.png" });

  // Open folders come back after a reload.
  await item(page, "src").click();
  await expect(item(page, "src")).toHaveAttribute("aria-expanded", "true");
  await page.waitForTimeout(800); // saved after a short debounce
  await page.reload();
  await expect(item(page, "src")).toHaveAttribute("aria-expanded", "true");
  await expect(item(page, "index.js")).toBeVisible();
});

test("keyboard: arrows, expand/collapse, Enter opens, F2 renames, Delete deletes, Ctrl+X/V moves, Alt+N creates", async ({ page }) => {
  const { tree } = await openTree(page);
  await tree.focus();
  // Folders first: docs, src, then files.
  await expect.poll(() => activeName(page)).toBe("docs");
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => activeName(page)).toBe("src");
  await page.keyboard.press("ArrowRight");
  await expect(item(page, "src")).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowRight"); // into the first child
  await expect.poll(() => activeName(page)).toBe("util");
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => activeName(page)).toBe("index.js");
  await page.keyboard.press("Enter");
  await expect(page.locator('[data-testid="editor-tab"][aria-selected="true"]')).toHaveAttribute("data-path", "src/index.js");

  // F2 rename, with an inline error first.
  await tree.focus();
  await page.keyboard.press("F2");
  const input = page.getByTestId("file-tree-name-input");
  await expect(input).toBeFocused();
  await input.fill("a/b.js");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("file-tree-name-error")).toContainText('cannot contain "/"');
  await input.fill("main.js");
  await page.keyboard.press("Enter");
  await expect(item(page, "main.js")).toBeVisible();
  await expect(item(page, "index.js")).toHaveCount(0);
  await expect(tree).toBeFocused();

  // Alt+N creates a file in the focused file's folder; an existing name is refused inline.
  await page.keyboard.press("Alt+n");
  const name = page.getByTestId("file-tree-name-input");
  await name.fill("main.js");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("file-tree-name-error")).toContainText("already exists");
  await name.fill("ünïcødé file.js");
  await page.keyboard.press("Enter");
  await expect(item(page, "ünïcødé file.js")).toBeVisible();
  await expect.poll(() => activeName(page)).toBe("ünïcødé file.js");

  // Cut, go to "docs", paste: moved.
  await tree.focus();
  await page.keyboard.press("Control+x");
  await page.keyboard.press("Home");
  await expect.poll(() => activeName(page)).toBe("docs");
  await page.keyboard.press("Control+v");
  await expect(page.getByTestId("file-tree-notice")).toContainText("Moved");
  await expect(item(page, "docs")).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator('[role=treeitem][data-path="docs/ünïcødé file.js"]')).toBeVisible();

  // Delete with confirmation.
  await expect.poll(() => activeName(page)).toBe("ünïcødé file.js");
  await tree.focus(); // the editor may have taken focus when it followed the moved tab
  await page.keyboard.press("Delete");
  const dialog = page.getByTestId("file-tree-delete-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("ünïcødé file.js");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.locator('[role=treeitem][data-path="docs/ünïcødé file.js"]')).toHaveCount(0);
  await expect(tree).toBeFocused();

  // ArrowLeft goes to the parent folder and then collapses it.
  await page.keyboard.press("End");
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowLeft");
  await expect(item(page, "docs")).toHaveAttribute("aria-expanded", "false");
  await page.screenshot({ path: "e2e/.artifacts/tree-keyboard.png" });
});

test("context menu: new folder, new file inside it, rename, delete (cancel, then confirm)", async ({ page }) => {
  const { tree } = await openTree(page);
  await tree.click({ button: "right", position: { x: 40, y: 200 } }); // empty area: the project root
  const menu = page.getByRole("menu", { name: "File actions" });
  await expect(menu).toBeVisible();
  await menu.getByRole("menuitem", { name: /New folder/ }).click();
  await page.getByTestId("file-tree-name-input").fill("my folder");
  await page.keyboard.press("Enter");
  await expect(item(page, "my folder")).toBeVisible();

  await item(page, "my folder").click({ button: "right" });
  await page.screenshot({ path: "e2e/.artifacts/tree-context-menu.png" });
  await menu.getByRole("menuitem", { name: /New file/ }).click();
  await page.getByTestId("file-tree-name-input").fill("notes.txt");
  await page.keyboard.press("Enter");
  await expect(page.locator('[role=treeitem][data-path="my folder/notes.txt"]')).toBeVisible();

  await item(page, "my folder").click({ button: "right" });
  await menu.getByRole("menuitem", { name: /Rename/ }).click();
  await page.getByTestId("file-tree-name-input").fill("renamed");
  await page.keyboard.press("Enter");
  await expect(page.locator('[role=treeitem][data-path="renamed/notes.txt"]')).toBeVisible();

  await item(page, "renamed").click({ button: "right" });
  await menu.getByRole("menuitem", { name: "Delete" }).click();
  await expect(page.getByTestId("file-tree-delete-dialog")).toContainText("This deletes 1 file");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(item(page, "renamed")).toBeVisible();
  await item(page, "renamed").click({ button: "right" });
  await menu.getByRole("menuitem", { name: "Delete" }).click();
  await page.getByTestId("file-tree-delete-confirm").click();
  await expect(item(page, "renamed")).toHaveCount(0);

  // The menu works from the keyboard too (Shift+F10, arrows, Escape).
  await tree.focus();
  await page.keyboard.press("Shift+F10");
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(tree).toBeFocused();
});

test("drag and drop moves files and folders; dropping a folder into itself is refused", async ({ page }) => {
  await openTree(page);
  // Dropped on a sibling in the same folder: nothing moves (and it does not fall through to the root).
  await item(page, "docs").click();
  await item(page, "guide.md").dragTo(item(page, "intro.md"));
  await expect(page.locator('[role=treeitem][data-path="docs/guide.md"]')).toBeVisible();
  await expect(page.locator('[role=treeitem][data-path="guide.md"]')).toHaveCount(0);
  await item(page, "docs").click(); // close it again

  await item(page, "README.md").dragTo(item(page, "docs"));
  await expect(item(page, "docs")).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator('[role=treeitem][data-path="docs/README.md"]')).toBeVisible();

  await item(page, "src").click(); // expand
  await item(page, "util").dragTo(item(page, "docs"));
  await expect(page.locator('[role=treeitem][data-path="docs/util"]')).toBeVisible();
  await expect(page.locator('[role=treeitem][data-path="src/util"]')).toHaveCount(0);

  // A file dropped on the empty area goes to the root.
  await page.locator('[role=treeitem][data-path="docs/README.md"]').dragTo(page.getByRole("tree", { name: "Project files" }), { targetPosition: { x: 40, y: 300 } });
  await expect(page.locator('[role=treeitem][data-path="README.md"]')).toBeVisible();

  // Folder into its own child: nothing happens.
  await item(page, "docs").dragTo(page.locator('[role=treeitem][data-path="docs/util"]'));
  await expect(page.locator('[role=treeitem][data-path="docs/util"]')).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/tree-dnd.png" });
});

test("5,000 files: rows are virtualized and the list scrolls to the end", async ({ page }) => {
  const many: Record<string, string> = {};
  for (let i = 0; i < 5000; i++) many[`file${String(i).padStart(4, "0")}.txt`] = "";
  const { tree } = await openTree(page, many);
  await expect(item(page, "file0000.txt")).toBeVisible();
  const rendered = await page.getByTestId("file-tree-row").count();
  expect(rendered).toBeLessThan(120);
  await tree.focus();
  await page.keyboard.press("End");
  await expect(item(page, "file4999.txt")).toBeVisible();
  await expect(item(page, "file4999.txt")).toHaveAttribute("aria-posinset", "5000");
  await expect(item(page, "file4999.txt")).toHaveAttribute("aria-setsize", "5000");
  await page.keyboard.type("file25");
  await expect.poll(() => activeName(page)).toBe("file2500.txt");
});

test("unsaved edits show a marker on the file and on its closed folder; saving clears it", async ({ page }) => {
  const { tree } = await openTree(page);
  await item(page, "src").click();
  await item(page, "index.js").click();
  await expect.poll(() => page.evaluate(() => (window as { __tandemEditor?: { getPath(): string | null } }).__tandemEditor?.getPath() ?? null)).toBe("src/index.js");
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("End");
  await page.keyboard.type(" // edited");
  const row = page.locator('[role=treeitem][data-path="src/index.js"]');
  await expect(row.getByTestId("file-tree-unsaved")).toBeVisible();
  await expect(row).toHaveAttribute("aria-description", "unsaved changes");
  await item(page, "src").click(); // closed folder: it shows that something inside is unsaved
  await expect(item(page, "src").locator('[title="Contains unsaved changes"]')).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/tree-unsaved.png" });
  await item(page, "src").click();
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+s");
  await expect(row.getByTestId("file-tree-unsaved")).toHaveCount(0);
  await expect(tree).toBeVisible();
});

test("a delete can be undone from its notice or with Ctrl/Cmd+Z; the files come back, also after a reload", async ({ page }) => {
  const { id, tree } = await openTree(page);
  const menu = page.getByRole("menu", { name: "File actions" });
  await item(page, "src").click({ button: "right" });
  await menu.getByRole("menuitem", { name: "Delete" }).click();
  await page.getByTestId("file-tree-delete-confirm").click();
  await expect(item(page, "src")).toHaveCount(0);
  const notice = page.getByTestId("file-tree-notice");
  await expect(notice).toContainText("Deleted “src”.");
  await page.screenshot({ path: "e2e/.artifacts/tree-undo-delete.png" });
  await notice.getByTestId("file-tree-notice-action").click();
  await expect(notice).toContainText("Restored “src”.");
  await expect(item(page, "src")).toBeVisible();
  await item(page, "src").click();
  await expect(item(page, "util")).toBeVisible();

  // The keyboard way: Delete, Enter to confirm, Ctrl/Cmd+Z.
  await item(page, "docs").click();
  await tree.focus();
  await page.keyboard.press("Delete");
  await page.keyboard.press("Enter");
  await expect(item(page, "docs")).toHaveCount(0);
  await tree.focus();
  await page.keyboard.press(`${process.platform === "darwin" ? "Meta" : "Control"}+KeyZ`);
  await expect(item(page, "docs")).toBeVisible();

  // What came back is saved like any other change.
  await expect.poll(() => storedFile(page, id, "src/util/math.js")).toBe("export const add = (a, b) => a + b;\n");
  await expect.poll(() => storedFile(page, id, "docs/intro.md")).toBe("intro\n");
  await page.reload();
  await expect(item(page, "docs")).toBeVisible();
  await expect(item(page, "src")).toBeVisible();
});
