// Home as a person uses it: create from each template, rename, delete with undo, hostile and unicode names.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

test.describe.configure({ timeout: 120_000 });

/** Back to Home like a person: the header link from a workspace (no full reload), else a normal visit. */
async function goHome(page: Page) {
  if (page.url().includes("/p/")) await page.getByRole("link", { name: "Tandem" }).click();
  else await page.goto("/");
  await expect(page.getByRole("heading", { name: "New project" })).toBeVisible();
}

async function createFromTemplate(page: Page, templateId: string, name: string) {
  await goHome(page);
  await page.getByTestId(`template-${templateId}`).click();
  const input = page.getByTestId("create-name");
  await expect(input).toBeFocused();
  await input.fill(name);
  await page.getByTestId("create-submit").click();
  await expect(page).toHaveURL(/\/p\/[\w-]+$/);
  await expect(page.getByTestId("project-name")).toHaveText(name);
  return page.url().split("/p/")[1] ?? "";
}

const treeItem = (page: Page, name: string) => page.getByRole("treeitem", { name, exact: true });

test("creates a project from each template; the Vite template says it needs WebContainer", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("template-vite-react")).toContainText("needs npm install — WebContainer only");
  await page.screenshot({ path: "e2e/.artifacts/home-empty.png", fullPage: true });

  // A new project opens with its entry file in the editor, never "No file is open".
  const activeTab = page.locator('[data-testid="editor-tab"][aria-selected="true"]');
  await createFromTemplate(page, "static-site", "My site");
  for (const name of ["index.html", "style.css", "script.js"]) await expect(treeItem(page, name)).toBeVisible();
  await expect(activeTab).toHaveAttribute("data-path", "index.html");

  await createFromTemplate(page, "node-tests", "Node tests");
  for (const name of ["package.json", "text.js", "text.test.js", "README.md"]) await expect(treeItem(page, name)).toBeVisible();
  await expect(activeTab).toHaveAttribute("data-path", "text.js");

  await createFromTemplate(page, "vite-react", "React app");
  for (const name of ["src", "index.html", "package.json", "vite.config.js"]) await expect(treeItem(page, name)).toBeVisible();
  // Its entry, src/App.jsx, is open, and the tree shows it inside its folder.
  await expect(activeTab).toHaveAttribute("data-path", "src/App.jsx");
  await expect(treeItem(page, "App.jsx")).toBeVisible();
  await expect(treeItem(page, "main.jsx")).toBeVisible();

  await goHome(page);
  const rows = page.getByTestId("project-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText("React app"); // most recently opened first
  await expect(rows.first()).toContainText(/5 files/);
  await page.screenshot({ path: "e2e/.artifacts/home-projects.png", fullPage: true });
});

test("rename (with a clear error for an empty name), delete with confirm and undo, then delete for good", async ({ page }) => {
  const id = await createFromTemplate(page, "static-site", "First");
  await goHome(page);
  const row = page.locator(`[data-testid="project-row"][data-project-id="${id}"]`);
  await row.getByTestId("project-rename").click();
  const input = row.getByTestId("project-rename-input");
  await input.fill("   ");
  await input.press("Enter");
  await expect(row.getByRole("alert")).toHaveText("Give the project a name.");
  await input.fill("Renamed <script>alert(1)</script> 日本語");
  await input.press("Enter");
  const renamed = row;
  await expect(renamed.getByTestId("project-open")).toHaveText("Renamed <script>alert(1)</script> 日本語");
  expect(await page.locator("main script").count()).toBe(0);
  await page.reload();
  await expect(renamed.getByTestId("project-open")).toHaveText("Renamed <script>alert(1)</script> 日本語");

  // Delete → confirm → gone, with Undo for a few seconds.
  await renamed.getByTestId("project-delete").click();
  const dialog = page.getByTestId("project-delete-dialog");
  await expect(dialog).toContainText("Delete “Renamed <script>alert(1)</script> 日本語”?");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(renamed).toHaveCount(1);
  // The dialog has the Delete button focused by the time the click has been handled, so an Enter typed at once
  // confirms (focus used to move a frame later, and a quick Enter hit Cancel).
  const focused = await renamed.getByTestId("project-delete").evaluate(async (button) => {
    (button as HTMLButtonElement).click();
    // After React's render (a microtask queued by the click) and before any frame is drawn: a key can arrive then.
    await Promise.resolve();
    await Promise.resolve();
    return document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.textContent;
  });
  expect(focused).toBe("project-delete-confirm");
  await page.keyboard.press("Enter"); // Enter confirms
  await expect(renamed).toHaveCount(0);
  await expect(page.getByTestId("undo-toast")).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/home-undo.png" });
  await page.getByTestId("undo-delete").click();
  await expect(renamed).toHaveCount(1);
  await renamed.getByTestId("project-open").click();
  await expect(page.getByTestId("project-name")).toHaveText("Renamed <script>alert(1)</script> 日本語");

  // Delete again and let the undo window pass: the project is gone for good, also after a reload.
  await goHome(page);
  await renamed.getByTestId("project-delete").click();
  await page.getByTestId("project-delete-confirm").click();
  await expect(page.getByTestId("undo-toast")).toBeVisible();
  await expect(page.getByTestId("undo-toast")).toBeHidden({ timeout: 15_000 });
  await page.reload();
  await expect(page.getByTestId("no-projects")).toBeVisible();
});

test("a project name that is too long is refused with a message", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("template-static-site").click();
  // The input caps at 120 characters; the server-side check is the same, so typing more simply stops.
  await page.getByTestId("create-name").fill("x".repeat(200));
  await expect(page.getByTestId("create-name")).toHaveValue("x".repeat(120));
  await page.getByTestId("create-name").fill("   ");
  await page.getByTestId("create-submit").click();
  await expect(page.getByTestId("create-dialog").getByRole("alert")).toHaveText("Give the project a name.");
});
