// The IDE under its Content-Security-Policy (lib/server/security-headers.ts): everything it does itself — Monaco and
// its TypeScript worker, the runtime's sandbox frame, the preview, the terminal, the assistant — runs without a single
// violation, so nothing falls back silently (a blocked Monaco worker would quietly move to the main thread).
import { expect, test } from "./support/fixtures";
import { focusEditor, openFile, openProject } from "./editor-support";
import { expectTerminal, openTerminal, run } from "./runtime-support";

test.describe.configure({ timeout: 180_000 });

test("the workspace does everything it does without one CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|frame|create|connect)/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { cspViolations?: string[] }).cspViolations ??= [];
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  const response = await page.goto("/");
  expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  await openProject(page, { "index.html": "<!doctype html><h1>Hi</h1>\n", "main.ts": "export const n: number = 'x';\n" }, "CSP");
  await openFile(page, "main.ts");
  await focusEditor(page);
  // The TypeScript worker ran: its diagnostic is in the Problems count.
  await expect(page.getByTestId("status-problems")).toContainText("1", { timeout: 60_000 });
  await openTerminal(page);
  await run(page, "echo csp-ok");
  await expectTerminal(page, /csp-ok/);
  await page.getByTestId("bottom-tab-preview").click();
  await expect(page.frameLocator('[data-testid="preview-frame"]').locator("h1")).toHaveText("Hi", { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
  expect(violations).toEqual([]);
});
