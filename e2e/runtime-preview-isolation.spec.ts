// A previewed page is the project's own code and may be hostile. It lives on an origin of its own (one per preview
// session, http://<id>.localhost:PORT), in a sandboxed iframe: it cannot reach the runtime's frame, put anything into
// the IDE's project, send the IDE messages as another frame, or navigate the IDE's tab. The preview store behind it
// takes writes only with the runtime's secret and, when it drops a session to make room, the preview comes back.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { openProject } from "./editor-support";
import { storedFile } from "./support/seed";
import { openTerminal, run } from "./runtime-support";

test.describe.configure({ timeout: 180_000 });

const previewFrame = (page: Page) => page.frameLocator('[data-testid="preview-frame"]');

async function openPreview(page: Page) {
  await page.getByTestId("bottom-tab-preview").click();
  await expect(page.getByTestId("preview-frame")).toBeVisible({ timeout: 60_000 });
  return previewFrame(page);
}

async function showPage(page: Page, path: string) {
  await page.getByTestId("preview-url").fill(path);
  await page.getByTestId("preview-url").press("Enter");
}

const previewSrc = async (page: Page) => (await page.getByTestId("preview-frame").getAttribute("src")) ?? "";

function sandboxOrigin(baseURL: string | undefined): string {
  const ide = new URL(baseURL ?? "http://127.0.0.1:3107");
  return `http://localhost:${Number(ide.port) + 1}`;
}

/** Another client of the sandbox server (as a proxy in front would say: TANDEM_TRUST_PROXY is on in e2e). */
async function openSessions(request: APIRequestContext, sandbox: string, client: string, count: number) {
  for (let i = 0; i < count; i++) {
    const res = await request.post(`${sandbox}/__preview/sessions`, { headers: { Origin: sandbox, "Content-Type": "application/json", "X-Forwarded-For": client }, data: {} });
    expect(res.status()).toBe(201);
  }
}

test("a hostile page cannot touch the runtime's frame, get a file into the project, or speak for another frame", async ({ page, baseURL }) => {
  const sandbox = sandboxOrigin(baseURL);
  const attack = `<!doctype html><html><head></head><body><p id="out">running</p><script>
const r = [];
for (let i = 0; i < parent.frames.length; i++) {
  const f = parent.frames[i];
  if (f === window) continue;
  try { r.push("frame-open:" + f.document.title); } catch (e) { r.push("frame-blocked"); }
  try { f.fetch = () => null; r.push("frame-patched"); } catch (e) { r.push("patch-blocked"); }
  const channel = new MessageChannel();
  channel.port1.onmessage = (e) => r.push("runtime-answered");
  try { f.postMessage({ type: "tandem-connect" }, "*", [channel.port2]); } catch (e) {}
  try { f.postMessage({ type: "sync", ops: [{ type: "write", path: "forged.txt", content: "x" }] }, "*"); } catch (e) {}
}
// Forged sandbox events sent to the IDE itself.
parent.postMessage({ type: "changes", ops: [{ type: "write", path: "forged.txt", content: "pwned" }] }, "*");
parent.postMessage({ type: "tandem-sandbox-loaded" }, "*");
// A frame of this page's own origin speaks as the preview.
const nested = document.createElement("iframe");
nested.srcdoc = "<script>top.postMessage({ __tandemPreview: true, kind: 'error', message: 'FORGED-BY-NESTED-FRAME' }, '*'); parent.document.body.dataset.nested = 'posted';<\\/script>";
document.body.append(nested);
fetch("${sandbox}/__preview/sessions", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })
  .then((res) => r.push("open=" + res.status), () => r.push("open-blocked"))
  .then(() => new Promise((done) => setTimeout(done, 500)))
  .finally(() => { document.getElementById("out").textContent = "done"; console.error("ATTACK " + r.join(" ")); });
</script></body></html>`;
  const projectId = await openProject(page, { "index.html": "<!doctype html><h1>Home</h1>\n", "attack.html": attack }, "Hostile page");
  const frame = await openPreview(page);
  await expect(frame.locator("h1")).toHaveText("Home");
  await showPage(page, "/attack.html");
  await expect(previewFrame(page).locator("#out")).toHaveText("done");
  await expect(previewFrame(page).locator("body")).toHaveAttribute("data-nested", "posted");
  await page.getByTestId("preview-errors-toggle").click();
  const list = page.getByTestId("preview-errors");
  await expect(list).toContainText("ATTACK");
  const report = (await list.innerText()).split("\n").find((l) => l.includes("ATTACK")) ?? "";
  expect(report).toContain("frame-blocked");
  expect(report).toContain("patch-blocked");
  expect(report).not.toContain("frame-open");
  expect(report).not.toContain("frame-patched");
  expect(report).not.toContain("runtime-answered");
  expect(report).toContain("open-blocked");
  // The page's own error arrived; the nested frame's forged one did not.
  expect(await list.innerText()).not.toContain("FORGED-BY-NESTED-FRAME");
  await page.screenshot({ path: test.info().outputPath("preview-hostile-page.png") });

  // Nothing reached the project; the runtime still works and what it writes does show up.
  await openTerminal(page);
  await run(page, "echo proof > proof.txt");
  await expect(page.getByRole("treeitem", { name: "proof.txt", exact: true })).toBeVisible();
  await expect(page.getByRole("treeitem", { name: "forged.txt", exact: true })).toHaveCount(0);
  expect(await storedFile(page, projectId, "forged.txt")).toBeNull();
});

test("a click on a target=_top link, top.location = … and a popup leave the IDE's tab where it was", async ({ page, baseURL, context }) => {
  const ide = new URL(baseURL ?? "http://127.0.0.1:3107").origin;
  const nav = `<!doctype html><html><head></head><body>
<a id="top-link" target="_top" href="${ide}/?hijacked=link">Take over the tab</a>
<button id="assign" onclick="try { top.location = '${ide}/?hijacked=script'; document.body.dataset.result = 'assigned'; } catch (e) { document.body.dataset.result = 'blocked: ' + e.name; }">Assign top.location</button>
<button id="popup" onclick="window.open('/popup.html')">Open a window</button>
</body></html>`;
  const popup = `<!doctype html><html><head></head><body><p id="out"></p><script>
let result;
try { if (opener) { opener.top.location = "${ide}/?hijacked=popup"; result = "navigated"; } else result = "no opener"; } catch (e) { result = "blocked: " + e.name; }
document.getElementById("out").textContent = result;
</script></body></html>`;
  const hijacks: string[] = [];
  page.on("request", (r) => r.url().includes("hijacked") && hijacks.push(r.url()));
  await openProject(page, { "index.html": nav, "popup.html": popup }, "Navigation");
  const ideUrl = page.url();
  const frame = await openPreview(page);
  // The script first: its answer is immediate ("assigned" had it been let through).
  await frame.locator("#assign").click();
  await expect(previewFrame(page).locator("body")).toHaveAttribute("data-result", /^blocked/);
  await previewFrame(page).locator("#top-link").click();
  const opened = context.waitForEvent("page");
  await previewFrame(page).locator("#popup").click();
  const win = await opened;
  await expect(win.locator("#out")).not.toBeEmpty();
  expect(await win.locator("#out").innerText()).not.toBe("navigated");
  // Still the IDE, on the same page, and it still answers.
  expect(page.url()).toBe(ideUrl);
  expect(hijacks).toEqual([]);
  await expect(page.getByTestId("workspace")).toBeVisible();
  await expect(previewFrame(page).locator("#top-link")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("preview-navigation-blocked.png") });
});

test("someone who knows a preview's address cannot change what it shows", async ({ page, baseURL, request }) => {
  const sandbox = sandboxOrigin(baseURL);
  await openProject(page, { "index.html": "<!doctype html><h1>Mine</h1>\n" }, "Not yours");
  const frame = await openPreview(page);
  await expect(frame.locator("h1")).toHaveText("Mine");
  const id = new URL(await previewSrc(page)).hostname.split(".")[0] ?? "";
  expect(id).toMatch(/^[0-9a-f]{32}$/);
  const forged = { reset: true, ops: [{ type: "write", path: "index.html", content: "<h1>Defaced</h1>" }] };
  const headers = { Origin: sandbox, "Content-Type": "application/json" };
  expect((await request.post(`${sandbox}/__preview/sessions/${id}`, { headers, data: forged })).status()).toBe(401);
  expect((await request.post(`${sandbox}/__preview/sessions/${id}`, { headers: { ...headers, Authorization: `Bearer ${id}` }, data: forged })).status()).toBe(403);
  await page.getByTestId("preview-reload").click();
  await expect(previewFrame(page).locator("h1")).toHaveText("Mine");
});

test("open in a new tab shows the page from the preview's own origin", async ({ page, context }) => {
  await openProject(page, { "index.html": "<!doctype html><h1>Home</h1><a href='/about.html'>About</a>\n", "about.html": "<!doctype html><h1>About page</h1>\n" }, "New tab");
  const frame = await openPreview(page);
  await frame.getByRole("link", { name: "About" }).click();
  await expect(previewFrame(page).locator("h1")).toHaveText("About page");
  const opened = context.waitForEvent("page");
  await page.getByRole("button", { name: "Open preview in a new tab" }).click();
  const tab = await opened;
  await expect(tab.locator("h1")).toHaveText("About page");
  expect(new URL(tab.url()).origin).toBe(new URL(await previewSrc(page)).origin);
  expect(new URL(tab.url()).pathname).toBe("/about.html");
});

test("a preview the server dropped to make room comes back by itself, after a reload and after a change", async ({ page, baseURL, request, context }) => {
  const sandbox = sandboxOrigin(baseURL);
  // This test's browser is a client of its own, so the sessions it floods are its own and no other test's.
  const client = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
  await context.setExtraHTTPHeaders({ "X-Forwarded-For": client });
  await openProject(page, { "index.html": "<!doctype html><h1>Still here</h1>\n" }, "Dropped preview");
  const frame = await openPreview(page);
  await expect(frame.locator("h1")).toHaveText("Still here");
  const first = await previewSrc(page);

  // Another client opening many previews changes nothing here: quotas are per client.
  await openSessions(request, sandbox, `10.66.${Math.floor(Math.random() * 250)}.1`, 80);
  await page.getByTestId("preview-reload").click();
  await expect(previewFrame(page).locator("h1")).toHaveText("Still here");
  expect(await previewSrc(page)).toBe(first);

  // This client (another tab of the same person) opens more than it may hold: its least recently used — this
  // preview — is dropped. A reload shows the preview again, from a new session, never "This project has no index.html".
  await openSessions(request, sandbox, client, 70);
  await page.getByTestId("preview-reload").click();
  await expect.poll(() => previewSrc(page)).not.toBe(first);
  await expect(previewFrame(page).locator("h1")).toHaveText("Still here");
  await expect(previewFrame(page).locator("h1")).not.toHaveText(/has no index\.html/);
  const second = await previewSrc(page);

  // Dropped again, then a command changes a file: its upload finds the session gone and opens a new one.
  await openSessions(request, sandbox, client, 70);
  await openTerminal(page);
  await run(page, "echo '<h1>Changed</h1>' > index.html");
  await page.getByTestId("bottom-tab-preview").click();
  await expect(previewFrame(page).locator("h1")).toHaveText("Changed");
  expect(await previewSrc(page)).not.toBe(second);
  await page.screenshot({ path: test.info().outputPath("preview-restored.png") });
});
