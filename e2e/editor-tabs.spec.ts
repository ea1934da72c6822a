import { expect, test } from "./support/fixtures";
import { storedFile } from "./support/seed";
import { editorPath, editorValue, externalWrite, focusEditor, mod, openFile, openProject, shot, tab, tabPaths } from "./editor-support";

const files = {
  "src/a.ts": "export const a = 1;\n",
  "src/b.ts": "export const b = 2;\n",
  "notes.md": "# Notes\n\nSome *text*.\n",
  "data.json": '{ "x": 1 }\n',
};

test("type, see the unsaved dot, save with Ctrl+S, and the saved text reaches storage", async ({ page }) => {
  const id = await openProject(page, files);
  await openFile(page, "src/a.ts");
  // Straight from quick open: the keyboard is already in the editor.
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type("export const c = a + 1;\n");
  await expect(tab(page, "src/a.ts")).toHaveAttribute("data-dirty", "true");
  await expect(tab(page, "src/a.ts").getByTestId("editor-tab-unsaved")).toBeVisible();
  expect(await editorValue(page)).toBe("export const a = 1;\nexport const c = a + 1;\n");
  await page.keyboard.press(`${mod}+KeyS`);
  await expect(tab(page, "src/a.ts")).not.toHaveAttribute("data-dirty", "true");
  await expect.poll(() => storedFile(page, id, "src/a.ts")).toBe("export const a = 1;\nexport const c = a + 1;\n");
  await shot(page, "editor-saved");
});

test("tabs: open several, reorder by drag, close by middle-click, closing unsaved asks first", async ({ page }) => {
  await openProject(page, files);
  for (const path of ["src/a.ts", "src/b.ts", "notes.md"]) await openFile(page, path);
  expect(await tabPaths(page)).toEqual(["src/a.ts", "src/b.ts", "notes.md"]);

  await tab(page, "notes.md").dragTo(tab(page, "src/a.ts"), { targetPosition: { x: 4, y: 10 } });
  await expect.poll(() => tabPaths(page)).toEqual(["notes.md", "src/a.ts", "src/b.ts"]);

  await tab(page, "src/a.ts").click({ button: "middle" });
  await expect.poll(() => tabPaths(page)).toEqual(["notes.md", "src/b.ts"]);

  await tab(page, "src/b.ts").click();
  await expect.poll(() => editorPath(page)).toBe("src/b.ts");
  await focusEditor(page);
  await page.keyboard.type("// draft ");
  await expect(tab(page, "src/b.ts")).toHaveAttribute("data-dirty", "true");
  await tab(page, "src/b.ts").getByTestId("editor-tab-close").click();
  const dialog = page.getByTestId("unsaved-close-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Save changes to b.ts?");
  await shot(page, "editor-unsaved-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(tab(page, "src/b.ts")).toBeVisible();
  await tab(page, "src/b.ts").getByTestId("editor-tab-close").click();
  await page.getByTestId("unsaved-discard").click();
  await expect.poll(() => tabPaths(page)).toEqual(["notes.md"]);
  // Reopened, it shows the saved text: the discarded draft is gone.
  await openFile(page, "src/b.ts");
  expect(await editorValue(page)).toBe("export const b = 2;\n");
});

test("binary and very large files show a message with their size instead of the editor", async ({ page }) => {
  const big = "x".repeat(6 * 1024 * 1024);
  await openProject(page, { "small.txt": "hello\n", "huge.log": big });
  await externalWrite(page, "logo.png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0], "runtime");
  await openFile(page, "huge.log", { inMonaco: false });
  const message = page.getByTestId("editor-message");
  await expect(message).toContainText("too large");
  await expect(message).toContainText("6.0 MB");
  await shot(page, "editor-too-large");
  await openFile(page, "logo.png", { inMonaco: false });
  await expect(message).toContainText("binary");
  await expect(message).toContainText("12 bytes");
  await openFile(page, "small.txt");
  await expect(message).toBeHidden();
  expect(await editorValue(page)).toBe("hello\n");
});

test("Markdown, JSON and CSS are highlighted; the editor follows the app's dark theme", async ({ page }) => {
  await openProject(page, { ...files, "style.css": "body { color: red; }\n" });
  for (const path of ["notes.md", "data.json", "style.css"]) {
    await openFile(page, path);
    // Tokenized text gets several token classes (mtk1, mtk2, ...), plain text only one.
    await expect
      .poll(() => page.locator('[data-testid="monaco-host"] .view-lines span[class^="mtk"]').evaluateAll((s) => new Set(s.map((e) => e.className)).size))
      .toBeGreaterThan(1);
  }
  const background = () =>
    page.locator('[data-testid="monaco-host"] .monaco-editor-background').first().evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(await background()).toBe("rgb(255, 255, 255)");
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  await expect.poll(background).toBe("rgb(22, 24, 29)");
  await shot(page, "editor-dark");
});

test("format document and find/replace come from Monaco", async ({ page }) => {
  await openProject(page, { "ugly.ts": "const   x={a:1,b:2}\n" });
  await openFile(page, "ugly.ts");
  await page.getByTestId("editor-format").click();
  await expect.poll(() => editorValue(page)).toBe("const x = { a: 1, b: 2 }\n");
  await page.getByTestId("editor-find").click();
  const find = page.getByRole("textbox", { name: "Find" });
  await expect(find).toBeFocused();
  await find.fill("x");
  const replace = page.getByRole("textbox", { name: "Replace" });
  await replace.fill("renamed");
  await page.getByRole("button", { name: /Replace All/ }).click();
  await expect.poll(() => editorValue(page)).toBe("const renamed = { a: 1, b: 2 }\n");
});

test("a reload restores tabs, the cursor and unsaved text in Monaco", async ({ page }) => {
  await openProject(page, files);
  await openFile(page, "src/b.ts");
  await openFile(page, "src/a.ts");
  await focusEditor(page);
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type("// unsaved\n// line 3");
  await expect(page.getByTestId("status-cursor")).toHaveText("Ln 3, Col 10");
  await page.waitForTimeout(800); // the editor state is saved shortly after the last change
  await page.reload();
  await expect.poll(() => editorPath(page)).toBe("src/a.ts");
  expect(await tabPaths(page)).toEqual(["src/b.ts", "src/a.ts"]);
  expect(await editorValue(page)).toBe("export const a = 1;\n// unsaved\n// line 3");
  await expect(tab(page, "src/a.ts")).toHaveAttribute("data-dirty", "true");
  await expect(page.getByTestId("status-cursor")).toHaveText("Ln 3, Col 10");
  // Clicking the tab gives the editor the keyboard; typing continues where the cursor was.
  await tab(page, "src/a.ts").click();
  await page.keyboard.type("!");
  await expect.poll(() => editorValue(page)).toBe("export const a = 1;\n// unsaved\n// line 3!");
});
