import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { seedProject, storedFile } from "./support/seed";

const mod = process.platform === "darwin" ? "Meta" : "Control";

const files = {
  "package.json": '{ "name": "demo", "type": "module" }\n',
  "src/utils/math.ts": "export function add(a: number, b: number) {\n  return a + b; // TODO: overflow\n}\n",
  "src/index.ts": 'import { add } from "./utils/math";\n\n// TODO: more\nconsole.log(add(1, 2));\n',
  "README.md": "# Demo\n",
  "<img src=x onerror=alert(1)>.js": "// a hostile name\n",
};

async function openWorkspace(page: Page, seed = files) {
  const id = await seedProject(page, { name: "Workspace test", files: seed });
  await page.goto(`/p/${id}`);
  await expect(page.getByTestId("workspace")).toBeVisible();
  await expect(page.getByTestId("project-name")).toHaveText("Workspace test");
  return id;
}

async function quickOpen(page: Page, query: string) {
  await page.keyboard.press(`${mod}+KeyP`);
  const input = page.getByRole("combobox", { name: "Go to file" });
  await expect(input).toBeFocused();
  await input.fill(query);
  await page.keyboard.press("Enter");
}

const editorPath = (page: Page) => page.evaluate(() => (window as { __tandemEditor?: { getPath(): string | null } }).__tandemEditor?.getPath() ?? null);
const editorValue = (page: Page) => page.evaluate(() => (window as { __tandemEditor?: { getValue(): string } }).__tandemEditor?.getValue() ?? null);

test("quick open finds a file fuzzily and opens it in the editor", async ({ page }) => {
  await openWorkspace(page);
  await quickOpen(page, "utilmath");
  await expect(page.locator('[data-testid="editor-tab"][aria-selected="true"]')).toHaveAttribute("data-path", "src/utils/math.ts");
  await expect.poll(() => editorPath(page)).toBe("src/utils/math.ts");
  expect(await editorValue(page)).toContain("return a + b;");
});

test("search across files: grouped results, regex and case toggles, click jumps to the line", async ({ page }) => {
  await openWorkspace(page);
  await page.keyboard.press(`${mod}+Shift+KeyF`);
  const input = page.getByRole("textbox", { name: "Search in files" });
  await expect(input).toBeFocused();
  await input.fill("todo");
  await expect(page.getByTestId("search-summary")).toHaveText("2 results in 2 files");
  await page.getByRole("button", { name: "Match case (Alt+C)" }).click();
  await expect(page.getByTestId("search-summary")).toHaveText("No results.");
  await input.fill("TODO: \\w+");
  await expect(page.getByTestId("search-summary")).toHaveText("No results.");
  await page.keyboard.press("Alt+KeyR");
  await expect(page.getByRole("button", { name: "Regular expression (Alt+R)" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("search-summary")).toHaveText("2 results in 2 files");
  await input.fill("(");
  await expect(page.getByRole("alert").filter({ hasText: "Invalid regular expression" })).toBeVisible();
  await input.fill("TODO: more");
  await page.getByRole("region", { name: "src/index.ts" }).getByRole("button").first().click();
  await expect(page.getByTestId("search-dialog")).toBeHidden();
  await expect.poll(() => editorPath(page)).toBe("src/index.ts");
  await expect(page.getByTestId("status-cursor")).toHaveText(/^Ln 3, Col 4$/);
});

test("reload brings back open tabs, the active file, unsaved edits and saved files", async ({ page }) => {
  const id = await openWorkspace(page);
  await quickOpen(page, "README");
  await quickOpen(page, "index.ts");
  await expect.poll(() => editorPath(page)).toBe("src/index.ts");
  // Save an edit to index.ts.
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type("// saved line");
  await page.keyboard.press(`${mod}+KeyS`);
  await expect(page.locator('[data-testid="editor-tab"][data-path="src/index.ts"]')).not.toHaveAttribute("data-dirty", "true");
  await expect.poll(() => storedFile(page, id, "src/index.ts")).toContain("// saved line");
  // Leave an unsaved edit in README.md.
  await page.locator('[data-testid="editor-tab"][data-path="README.md"]').click();
  await expect.poll(() => editorPath(page)).toBe("README.md");
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type("unsaved words");
  await expect(page.locator('[data-testid="editor-tab"][data-path="README.md"]')).toHaveAttribute("data-dirty", "true");
  await page.waitForTimeout(600); // the editor state is saved ~300 ms after a change

  await page.reload();
  await expect(page.getByTestId("workspace")).toBeVisible();
  await expect(page.getByTestId("editor-tab")).toHaveCount(2);
  await expect(page.locator('[data-testid="editor-tab"][aria-selected="true"]')).toHaveAttribute("data-path", "README.md");
  await expect(page.locator('[data-testid="editor-tab"][data-path="README.md"]')).toHaveAttribute("data-dirty", "true");
  await expect.poll(() => editorValue(page)).toContain("unsaved words");
  expect(await storedFile(page, id, "README.md")).toBe("# Demo\n");
  await page.locator('[data-testid="editor-tab"][data-path="src/index.ts"]').click();
  await expect.poll(() => editorValue(page)).toContain("// saved line");
});

test("a second tab on the same project is read-only until it takes over", async ({ page, context }) => {
  const id = await openWorkspace(page);
  await expect(page.getByTestId("save-status")).toBeVisible();
  const second = await context.newPage();
  await second.goto(`/p/${id}`);
  await expect(second.getByTestId("read-only-banner")).toBeVisible();
  await expect(page.getByTestId("read-only-banner")).toHaveCount(0);

  await second.getByRole("button", { name: "Edit here instead" }).click();
  await expect(second.getByTestId("read-only-banner")).toHaveCount(0);
  await expect(page.getByTestId("read-only-banner")).toBeVisible();
  await expect(page.getByTestId("status-bar")).toContainText("Read-only");
});

test("keyboard: Ctrl+B hides and shows the file tree, Ctrl+/ lists the shortcuts", async ({ page }) => {
  await openWorkspace(page);
  const tree = page.getByRole("navigation", { name: "Files" });
  await expect(tree).toBeVisible();
  await page.keyboard.press(`${mod}+KeyB`);
  await expect(tree).toBeHidden();
  await page.keyboard.press(`${mod}+KeyB`);
  await expect(tree).toBeVisible();

  await page.keyboard.press(`${mod}+Slash`);
  await expect(page.getByTestId("shortcut-sheet")).toBeVisible();
  await expect(page.getByTestId("shortcut-sheet")).toContainText("Search in files");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcut-sheet")).toBeHidden();
});

test("the theme can be switched and stays switched after a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await openWorkspace(page);
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "light");
  const toggle = page.getByTestId("theme-toggle");
  await toggle.click(); // system → light
  await toggle.click(); // light → dark
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-theme-choice", "dark");
});

test("hostile file names are shown as text, never as HTML", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await openWorkspace(page);
  await page.keyboard.press(`${mod}+KeyP`);
  await page.getByRole("combobox", { name: "Go to file" }).fill("onerror");
  await expect(page.getByTestId("quick-open").getByRole("option").first()).toContainText("<img src=x onerror=alert(1)>.js");
  await page.keyboard.press("Enter");
  await expect.poll(() => editorPath(page)).toBe("<img src=x onerror=alert(1)>.js");
  expect(await page.locator("img[src='x']").count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("an unknown project id explains itself and links home", async ({ page }) => {
  await page.goto("/p/does-not-exist");
  await expect(page.getByRole("alert").filter({ hasText: "Project not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to your projects" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("a full disk is reported in the status bar, and the change is saved once space frees up", async ({ page }) => {
  const id = await openWorkspace(page);
  // Make every IndexedDB write fail the way a full quota does, until the test lets go.
  await page.evaluate(() => {
    const w = window as unknown as { __quotaFull: boolean };
    w.__quotaFull = true;
    const original = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
      if (w.__quotaFull && this.name === "files") throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return original.apply(this, args);
    };
  });
  await quickOpen(page, "README");
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type("precious");
  await page.keyboard.press(`${mod}+KeyS`);
  const status = page.getByTestId("save-status");
  await expect(status).toHaveAttribute("data-state", "error");
  await expect(status).toContainText("Browser storage is full");
  expect(await storedFile(page, id, "README.md")).toBe("# Demo\n");
  await page.evaluate(() => {
    (window as unknown as { __quotaFull: boolean }).__quotaFull = false;
  });
  await expect(status).toHaveAttribute("data-state", "saved", { timeout: 10_000 });
  await expect.poll(() => storedFile(page, id, "README.md")).toContain("precious");
});
