// Helpers for the editor e2e specs: open a seeded project, read Monaco through window.__tandemEditor (Monaco renders
// spaces as U+00A0, so text is compared via getValue(), never innerText).
import type { Page } from "@playwright/test";
import { expect } from "./support/fixtures";
import { seedProject } from "./support/seed";

export const mod = process.platform === "darwin" ? "Meta" : "Control";

type EditorWindow = Window & {
  __tandemEditor?: { getValue(): string; getPath(): string | null; modelValue(path: string): string | null };
  __tandemTest?: { write(path: string, content: string | number[], origin: "agent" | "runtime"): boolean };
};

export async function openProject(page: Page, files: Record<string, string>, name = "Editor test"): Promise<string> {
  const id = await seedProject(page, { name, files });
  await page.goto(`/p/${id}?e2e`);
  await expect(page.getByTestId("workspace")).toBeVisible();
  return id;
}

/** Opens a file by name with quick open (Ctrl+P), like a person; waits until Monaco shows it unless told not to. */
export async function openFile(page: Page, path: string, { inMonaco = true } = {}): Promise<void> {
  await page.keyboard.press(`${mod}+KeyP`);
  const input = page.getByRole("combobox", { name: "Go to file" });
  await expect(input).toBeFocused();
  await input.fill(path);
  await expect(page.getByTestId("quick-open-dialog").getByRole("option").first()).toContainText(path.slice(path.lastIndexOf("/") + 1));
  await page.keyboard.press("Enter");
  await expect(page.locator('[data-testid="editor-tab"][aria-selected="true"]')).toHaveAttribute("data-path", path);
  // The first file waits for Monaco (~1 MB gzip) to download and start: generous on a busy 2-core machine.
  if (inMonaco) await expect.poll(() => editorPath(page), { timeout: 45_000 }).toBe(path);
}

export const editorPath = (page: Page) => page.evaluate(() => (window as EditorWindow).__tandemEditor?.getPath() ?? null);
export const editorValue = (page: Page) => page.evaluate(() => (window as EditorWindow).__tandemEditor?.getValue() ?? null);

/** Clicks into the visible editor text so the keyboard goes to Monaco. */
export async function focusEditor(page: Page): Promise<void> {
  await page.locator('[data-testid="monaco-host"] .monaco-editor .view-lines').first().click();
}

/** A change made by the agent or the runtime (the hook exists only on pages opened with ?e2e). */
export async function externalWrite(page: Page, path: string, content: string | number[], origin: "agent" | "runtime" = "agent") {
  const ok = await page.evaluate(({ path, content, origin }) => (window as EditorWindow).__tandemTest?.write(path, content, origin) ?? false, {
    path,
    content,
    origin,
  });
  expect(ok).toBe(true);
}

export const tab = (page: Page, path: string) => page.locator(`[data-testid="editor-tab"][data-path="${path}"]`);
export const tabPaths = (page: Page) => page.getByTestId("editor-tab").evaluateAll((tabs) => tabs.map((t) => t.getAttribute("data-path")));

/** Saves a screenshot to look at (EDITOR_SHOTS overrides the folder when other runs clean e2e/.artifacts). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${process.env.EDITOR_SHOTS ?? "e2e/.artifacts"}/${name}.png` });
}
