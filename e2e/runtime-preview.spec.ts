// The preview of a static site served from the project (offline runtime), its error list, and the isolation of
// project code on the sandbox origin: it cannot read the IDE's storage or cookies, nor call the IDE's API.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { focusEditor, mod, openFile, openProject } from "./editor-support";
import { expectTerminal, openTerminal, run, terminalText } from "./runtime-support";

// The runtime boots a sandbox iframe and Workers; on a loaded 2-core machine that takes a while.
test.describe.configure({ timeout: 180_000 });

const site = {
  "index.html": '<!doctype html><html><head><link rel="stylesheet" href="style.css"></head><body><h1>Hello preview</h1></body></html>\n',
  "style.css": "h1 { color: rgb(200, 0, 0); }\n",
  "broken.html": '<!doctype html><html><head></head><body><p>broken</p><script>throw new Error("preview boom")</script></body></html>\n',
};

async function openPreview(page: Page) {
  await page.getByTestId("bottom-tab-preview").click();
  await expect(page.getByTestId("preview-frame")).toBeVisible({ timeout: 30_000 });
  return page.frameLocator('[data-testid="preview-frame"]');
}

test("static site: the preview shows it and updates after a save", async ({ page }) => {
  await openProject(page, site, "Site");
  const frame = await openPreview(page);
  await expect(frame.locator("h1")).toHaveText("Hello preview");
  await expect(frame.locator("h1")).toHaveCSS("color", "rgb(200, 0, 0)");
  await openFile(page, "index.html");
  await focusEditor(page);
  await page.keyboard.press(`${mod}+KeyH`);
  await page.keyboard.insertText("Hello preview");
  await page.keyboard.press("Tab");
  await page.keyboard.insertText("Edited and saved");
  await page.keyboard.press(`${mod}+Alt+Enter`);
  await page.keyboard.press("Escape");
  await page.keyboard.press(`${mod}+KeyS`);
  await page.getByTestId("bottom-tab-preview").click();
  await expect(page.frameLocator('[data-testid="preview-frame"]').locator("h1")).toHaveText("Edited and saved");
  await page.getByTestId("preview-device").selectOption("mobile");
  await expect(page.getByTestId("preview-frame")).toHaveCSS("width", "375px");
  await page.screenshot({ path: "e2e/.artifacts/runtime-preview.png" });
});

test("a page the project does not have is explained in the preview, with links to the pages it has", async ({ page }) => {
  await openProject(page, { "docs/about.html": "<!doctype html><h1>About this site</h1>\n", "app.js": "console.log(1);\n" }, "No index");
  const frame = await openPreview(page);
  await expect(frame.locator("h1")).toHaveText("This project has no index.html");
  await expect(frame.getByText("starting from index.html at its root")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("preview-no-index.png") });
  await frame.getByRole("link", { name: "docs/about.html" }).click();
  await expect(frame.locator("h1")).toHaveText("About this site");
  // A mistyped address says what was looked for.
  await page.getByTestId("preview-url").fill("/about");
  await page.getByTestId("preview-url").press("Enter");
  await expect(page.frameLocator('[data-testid="preview-frame"]').locator("h1")).toHaveText("Not found in the project: /about");
  await expect(page.frameLocator('[data-testid="preview-frame"]').getByRole("link", { name: "docs/about.html" })).toBeVisible();
});

test("root-absolute paths work in the preview; a script that cannot load or needs a build step is reported, not a blank page", async ({ page }) => {
  const head = '<head><link rel="stylesheet" href="/css/site.css"></head>';
  await openProject(
    page,
    {
      "index.html": `<!doctype html><html>${head}<body><h1 id="t">Static</h1><a href="/about.html">About</a><script type="module" src="/js/app.js"></script><script src="/js/missing.js"></script></body></html>\n`,
      "css/site.css": "h1 { color: rgb(0, 128, 0); }\n",
      "js/app.js": 'import { label } from "./label.js";\ndocument.getElementById("t").textContent = label;\n',
      "js/label.js": 'export const label = "Loaded from /js";\n',
      "about.html": `<!doctype html><html>${head}<body><h1>About page</h1><script type="module" src="/src/main.jsx"></script></body></html>\n`,
      "src/main.jsx": "const app = <h1>Needs a compiler</h1>;\n",
    },
    "Absolute paths",
  );
  const frame = await openPreview(page);
  await expect(frame.locator("h1")).toHaveText("Loaded from /js");
  await expect(frame.locator("h1")).toHaveCSS("color", "rgb(0, 128, 0)");
  await page.getByTestId("preview-errors-toggle").click();
  const errors = page.getByTestId("preview-errors");
  await expect(errors).toContainText("Could not load script /js/missing.js");
  await frame.getByRole("link", { name: "About" }).click();
  await expect(frame.locator("h1")).toHaveText("About page");
  await expect(frame.locator("h1")).toHaveCSS("color", "rgb(0, 128, 0)");
  await expect(errors).toContainText("/src/main.jsx needs a build step");
  // The address bar follows the link, and a reload after a file changes stays on this page.
  await expect(page.getByTestId("preview-url")).toHaveValue("/about.html");
  await page.screenshot({ path: test.info().outputPath("preview-absolute-paths.png") });
  const body = page.frameLocator('[data-testid="preview-frame"]').locator("body");
  await body.evaluate(() => Object.assign(window, { beforeTheChange: true }));
  await openTerminal(page);
  await run(page, "echo changed > note.txt");
  await page.getByTestId("bottom-tab-preview").click();
  // Reloaded: a new document without the mark (asking while the old frame is being replaced is "not yet").
  await expect.poll(() => body.evaluate(() => "beforeTheChange" in window).catch(() => true)).toBe(false);
  await expect(page.frameLocator('[data-testid="preview-frame"]').locator("h1")).toHaveText("About page");
  await expect(page.getByTestId("preview-url")).toHaveValue("/about.html");
});

test("the address bar follows a single-page app's own navigation", async ({ page }) => {
  const app = '<!doctype html><html><head></head><body><button onclick="history.pushState({}, \'\', \'?tab=settings\'); document.querySelector(\'h1\').textContent = \'Settings\'">Settings</button><h1>Home</h1></body></html>\n';
  await openProject(page, { "index.html": app }, "SPA");
  const frame = await openPreview(page);
  await frame.getByRole("button", { name: "Settings" }).click();
  await expect(frame.locator("h1")).toHaveText("Settings");
  await expect(page.getByTestId("preview-url")).toHaveValue("/?tab=settings");
});

test("an uncaught error in the preview reaches the IDE's error list", async ({ page }) => {
  await openProject(page, site, "Broken site");
  await openPreview(page);
  const url = page.getByTestId("preview-url");
  await url.fill("/broken.html");
  await url.press("Enter");
  await expect(page.getByTestId("preview-error-count")).not.toHaveText("0");
  await page.getByTestId("preview-errors-toggle").click();
  await expect(page.getByTestId("preview-errors")).toContainText("preview boom");
  await page.screenshot({ path: "e2e/.artifacts/runtime-preview-errors.png" });
});

test("isolation: project code cannot read the IDE's storage or cookies, nor call its API", async ({ page, baseURL }) => {
  const ide = new URL(baseURL ?? "http://127.0.0.1").origin;
  const attackPage = `<!doctype html><html><head></head><body><script>
const r = [];
try { r.push("cookie=" + document.cookie); } catch (e) { r.push("cookie-error"); }
try { r.push("ls=" + localStorage.getItem("tandem-secret")); } catch (e) { r.push("ls-error"); }
try { r.push("parent-ls=" + parent.localStorage.getItem("tandem-secret")); } catch (e) { r.push("parent-ls-blocked"); }
try { r.push("parent-doc=" + parent.document.cookie); } catch (e) { r.push("parent-doc-blocked"); }
indexedDB.databases().then((d) => r.push("dbs=" + d.map((x) => x.name).join(",")))
  .then(() => fetch("${ide}/api/chat", { method: "POST", credentials: "include", body: "{}" }))
  .then((res) => r.push("fetch=" + res.status), () => r.push("fetch-blocked"))
  .finally(() => console.error("ATTACK " + r.join(" ")));
</script></body></html>`;
  // A node program sees no browser globals (self and location are hidden, as Node has neither); what it could still
  // reach — IndexedDB, fetch — belongs to the sandbox origin, never the IDE's.
  const attackScript = `const r = ["ls=" + typeof localStorage, "origin=" + (globalThis.self ?? globalThis).location?.origin];
indexedDB.databases().then((d) => r.push("dbs=" + d.map((x) => x.name).join(",")))
  .then(() => fetch("${ide}/api/chat", { method: "POST", body: "{}" }))
  .then((res) => r.push("fetch=" + res.status), () => r.push("fetch-blocked"))
  .finally(() => console.log("ATTACK " + r.join(" ")));
setTimeout(() => {}, 1500);
`;
  await openProject(page, { "attack.html": attackPage, "attack.js": attackScript }, "Attack");
  // The IDE holds secrets in its own origin's storage.
  await page.evaluate(() => {
    localStorage.setItem("tandem-secret", "s3cret");
    document.cookie = "tandem-secret=s3cret; path=/";
  });

  await openTerminal(page);
  await run(page, "node attack.js");
  await expectTerminal(page, /ATTACK .*fetch/);
  const workerLine = (await terminalText(page)).split("\n").find((l) => l.startsWith("ATTACK")) ?? "";
  expect(workerLine).toContain("ls=undefined");
  expect(workerLine).not.toContain(ide);
  expect(workerLine).not.toMatch(/dbs=.*tandem/);
  expect(workerLine).toContain("fetch-blocked");

  await page.getByTestId("bottom-tab-preview").click();
  await expect(page.getByTestId("preview-frame")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("preview-url").fill("/attack.html");
  await page.getByTestId("preview-url").press("Enter");
  await page.getByTestId("preview-errors-toggle").click();
  const list = page.getByTestId("preview-errors");
  await expect(list).toContainText("ATTACK");
  const report = (await list.innerText()).split("\n").find((l) => l.includes("ATTACK")) ?? "";
  expect(report).not.toContain("s3cret");
  expect(report).toContain("parent-ls-blocked");
  expect(report).toContain("parent-doc-blocked");
  expect(report).toContain("fetch-blocked");
  expect(report).not.toMatch(/dbs=.*tandem/);
});
