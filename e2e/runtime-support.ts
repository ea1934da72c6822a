// Helpers for the runtime e2e specs: open the terminal, type like a person, read what xterm shows.
import type { Page } from "@playwright/test";
import { expect } from "./support/fixtures";

export async function openTerminal(page: Page): Promise<void> {
  await page.getByTestId("bottom-tab-terminal").click();
  await expect(page.getByTestId("runtime-status")).toHaveAttribute("data-state", "ready", { timeout: 90_000 });
  const view = page.locator('[data-testid="terminal-view"]:visible');
  await expect(view.locator(".xterm-rows")).toContainText("$", { timeout: 30_000 });
  await view.click();
}

/** Everything the visible terminal holds, scrollback included. */
export async function terminalText(page: Page): Promise<string> {
  return page
    .locator('[data-testid="terminal-view"]:visible')
    .evaluate((el) => (el as HTMLElement & { tandemTerminalText?: () => string }).tandemTerminalText?.() ?? "");
}

export async function run(page: Page, command: string): Promise<void> {
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
}

export async function expectTerminal(page: Page, pattern: RegExp | string, timeout = 60_000): Promise<void> {
  await expect
    .poll(() => terminalText(page), { timeout })
    .toMatch(typeof pattern === "string" ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : pattern);
}
