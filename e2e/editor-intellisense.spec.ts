import { expect, test } from "./support/fixtures";
import { editorPath, editorValue, externalWrite, focusEditor, mod, openFile, openProject, shot, tab } from "./editor-support";

// The TypeScript worker (6.6 MB) must download, start and check the DOM/ES libs before the first diagnostic: on a busy
// 2-core machine that alone can take tens of seconds, so these tests get the slow-test budget.
test.beforeEach(() => test.slow());

const files = {
  "package.json": JSON.stringify({ name: "demo", type: "module", dependencies: { react: "^19.0.0" } }, null, 2),
  "src/math.ts": "export function add(a: number, b: number): number {\n  return a + b;\n}\n",
  "src/main.ts": 'import { add } from "./math";\n\nconst total: number = add(1, 2);\nconsole.log(total);\n',
  "src/broken.ts": 'import { add } from "./math";\nimport { nope } from "./missing";\n\nexport const bad: string = add(1, 2);\n',
  "src/App.tsx": 'import { useState } from "react";\n\nexport function App() {\n  const [n] = useState(0);\n  return <div>{n}</div>;\n}\n',
  "src/util.js": "export const twice = (x) => x * 2;\n",
};

test("diagnostics cover the project's files; imports between them resolve; click a problem to jump", async ({ page }) => {
  await openProject(page, files);
  await openFile(page, "src/main.ts");
  await page.getByTestId("bottom-tab-problems").click();
  const panel = page.getByTestId("problems-panel");
  // Two errors, both in a file that was never opened: the missing module and the number → string assignment.
  await expect(panel).toHaveAttribute("data-count", "2", { timeout: 30_000 });
  await expect(page.getByTestId("problems-file")).toHaveCount(1);
  await expect(page.getByTestId("problems-file")).toHaveAttribute("data-path", "src/broken.ts");
  await expect(panel).toContainText("Cannot find module './missing'");
  await expect(panel).toContainText("Type 'number' is not assignable to type 'string'");
  await expect(page.getByTestId("status-errors")).toHaveText("2");
  await shot(page, "editor-problems");

  await page.getByTestId("problem").filter({ hasText: "not assignable" }).click();
  await expect.poll(() => editorPath(page)).toBe("src/broken.ts");
  await expect(page.getByTestId("status-cursor")).toHaveText("Ln 4, Col 14");

  // Fix one file from another: changing math.ts's return type clears broken.ts's assignment error.
  await openFile(page, "src/math.ts");
  await focusEditor(page);
  await page.keyboard.press(`${mod}+KeyH`);
  await page.getByRole("textbox", { name: "Find" }).fill("): number {");
  await page.getByRole("textbox", { name: "Replace" }).fill("): string {");
  await page.getByRole("button", { name: /Replace All/ }).click();
  await page.keyboard.press("Escape");
  // math.ts now errors itself, main.ts (assigns the result to a number) errors, broken.ts's assignment is fine.
  const group = (path: string) => page.locator(`[data-testid="problems-file"][data-path="${path}"]`);
  await expect(group("src/main.ts")).toBeVisible({ timeout: 20_000 });
  await expect(group("src/math.ts")).toBeVisible();
  const problem = (text: string) => page.getByTestId("problem").filter({ hasText: text });
  await expect(problem("Type 'number' is not assignable to type 'string'")).toHaveCount(1); // math.ts's, not broken.ts's
  await expect(problem("Cannot find module './missing'")).toHaveCount(1);
  await expect(panel).toContainText("Type 'string' is not assignable to type 'number'");
});

test("completions offer exports of other project files", async ({ page }) => {
  await openProject(page, files);
  await openFile(page, "src/main.ts");
  await focusEditor(page);
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type("ad");
  await page.keyboard.press(`Control+Space`);
  const suggest = page.locator(".suggest-widget .monaco-list-row");
  await expect(suggest.filter({ hasText: "add" }).first()).toBeVisible({ timeout: 45_000 });
  await shot(page, "editor-completion");
});

test("agent edits appear live in a clean editor; with unsaved edits they become a visible conflict", async ({ page }) => {
  await openProject(page, files);
  await openFile(page, "src/util.js");
  await externalWrite(page, "src/util.js", "export const twice = (x) => x + x;\n", "agent");
  await expect.poll(() => editorValue(page)).toBe("export const twice = (x) => x + x;\n");
  await expect(page.getByTestId("editor-conflict")).toHaveCount(0);

  await focusEditor(page);
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type("// mine\n");
  await expect(tab(page, "src/util.js")).toHaveAttribute("data-dirty", "true");
  await externalWrite(page, "src/util.js", "export const twice = (x) => 2 * x;\n", "runtime");
  const bar = page.getByTestId("editor-conflict");
  await expect(bar).toBeVisible();
  await expect(bar).toContainText("changed by the runtime");
  await expect(tab(page, "src/util.js")).toHaveAttribute("data-conflict", "changed");
  expect(await editorValue(page)).toBe("export const twice = (x) => x + x;\n// mine\n");

  // Saving does not overwrite theirs.
  await page.keyboard.press(`${mod}+KeyS`);
  await expect(bar).toBeVisible();
  await page.getByTestId("conflict-compare").click();
  await expect(page.getByTestId("compare-view")).toBeVisible();
  await shot(page, "editor-conflict-compare");
  await page.getByTestId("conflict-take-theirs").click();
  await expect(bar).toHaveCount(0);
  await expect.poll(() => editorValue(page)).toBe("export const twice = (x) => 2 * x;\n");
  await expect(tab(page, "src/util.js")).not.toHaveAttribute("data-dirty", "true");
});

test("keep mine after a conflict writes the buffer over the outside change", async ({ page }) => {
  await openProject(page, files);
  await openFile(page, "src/util.js");
  await focusEditor(page);
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type("// mine\n");
  await externalWrite(page, "src/util.js", "// theirs\n", "agent");
  await page.getByTestId("conflict-keep-mine").click();
  await expect(page.getByTestId("editor-conflict")).toHaveCount(0);
  await expect(tab(page, "src/util.js")).not.toHaveAttribute("data-dirty", "true");
  await externalWrite(page, "src/util.js", "// later\n", "agent");
  await expect.poll(() => editorValue(page)).toBe("// later\n");
});

test("go to definition (F12) opens the other project file at the definition", async ({ page }) => {
  await openProject(page, files);
  await openFile(page, "src/main.ts");
  await focusEditor(page);
  await page.keyboard.press(`${mod}+Home`);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  for (let i = 0; i < 23; i++) await page.keyboard.press("ArrowRight"); // on "add(1, 2)"
  await expect(page.getByTestId("status-cursor")).toHaveText("Ln 3, Col 24");
  await page.keyboard.press("F12");
  await expect.poll(() => editorPath(page), { timeout: 30_000 }).toBe("src/math.ts");
  await expect(page.getByTestId("status-cursor")).toHaveText("Ln 1, Col 17");
  await expect(tab(page, "src/math.ts")).toHaveAttribute("aria-selected", "true");
});
