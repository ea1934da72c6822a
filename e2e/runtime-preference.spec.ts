// Issue 17, finding 1: choosing WebContainer where it cannot start (no network, a school filter) used to crash the
// page (React #185) — and, stored for the whole browser, every project and every reload after it. Now the project
// falls back to the offline runtime and says why, the choice belongs to that project only, and it can always be
// changed back.
import { expect, test } from "./support/fixtures";
import { openProject } from "./editor-support";
import { expectTerminal, openTerminal, run } from "./runtime-support";

test.describe.configure({ timeout: 180_000 });

test("a project set to WebContainer where it cannot start falls back, says why, and stays usable — for that project only", async ({ page }) => {
  const crashes: string[] = [];
  page.on("pageerror", (e) => crashes.push(String(e)));
  const first = await openProject(page, { "hello.js": "console.log('still runs')\n" }, "Set to WebContainer");
  const status = page.getByTestId("runtime-status");
  await expect(status).toHaveAttribute("data-state", "ready", { timeout: 90_000 });
  await page.getByTestId("runtime-preference").selectOption("webcontainer");
  await expect(page.getByTestId("runtime-reason")).toContainText("set to WebContainer, which cannot start here", { timeout: 30_000 });
  await expect(status).toHaveAttribute("data-kind", "offline");
  await expect(status).toHaveAttribute("data-state", "ready", { timeout: 90_000 });
  await openTerminal(page);
  await run(page, "node hello.js");
  await expectTerminal(page, "still runs");
  await page.screenshot({ path: "e2e/.artifacts/runtime-preference-fallback.png" });

  // A reload keeps the project's choice and is just as usable.
  await page.reload();
  await expect(page.getByTestId("runtime-preference")).toHaveValue("webcontainer");
  await expect(status).toHaveAttribute("data-kind", "offline", { timeout: 30_000 });
  await expect(status).toHaveAttribute("data-state", "ready", { timeout: 90_000 });

  // Another project is untouched by it.
  await openProject(page, { "a.js": "1\n" }, "Another");
  await expect(page.getByTestId("runtime-preference")).toHaveValue("auto");
  await expect(page.getByTestId("runtime-status")).toHaveAttribute("data-state", "ready", { timeout: 90_000 });

  // And the first can go back to Auto.
  await page.goto(`/p/${first}`);
  await page.getByTestId("runtime-preference").selectOption("auto");
  await expect(page.getByTestId("runtime-status")).toHaveAttribute("data-state", "ready", { timeout: 90_000 });
  await expect(page.getByTestId("runtime-reason")).not.toContainText("set to WebContainer");
  expect(crashes).toEqual([]);
});

test("a browser that kept the old browser-wide WebContainer setting opens projects normally", async ({ page }) => {
  const crashes: string[] = [];
  page.on("pageerror", (e) => crashes.push(String(e)));
  await page.goto("/");
  await page.evaluate(() => localStorage.setItem("tandem.runtimePreference", "webcontainer"));
  await openProject(page, { "a.js": "1\n" }, "After the old setting");
  await expect(page.getByTestId("runtime-preference")).toHaveValue("auto");
  await expect(page.getByTestId("runtime-status")).toHaveAttribute("data-state", "ready", { timeout: 90_000 });
  expect(await page.evaluate(() => localStorage.getItem("tandem.runtimePreference"))).toBeNull();
  expect(crashes).toEqual([]);
});
