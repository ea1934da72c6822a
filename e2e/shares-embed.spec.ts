// An embed inside a page served from another loopback origin (localhost, while the IDE is 127.0.0.1): its parameters,
// its postMessage API with origin checks, clickToLoad, and Open in Tandem carrying the embed's edits into a fork;
// run= and tandem:run where the sandbox may be framed (a page on Tandem's own origin).
import { createServer, type Server } from "node:http";
import type { Frame, Page } from "@playwright/test";
import { nodeTests } from "../lib/templates/node-tests";
import { baseURL } from "../playwright.config";
import { publishFiles } from "./shares-support";
import { expect, test } from "./support/fixtures";

// One worker for the file: its host servers listen on fixed ports.
test.describe.configure({ timeout: 180_000, mode: "serial" });

const port = Number(new URL(baseURL).port);
const hostPort = port + 50;
const otherPort = port + 51;
const HOST = `http://localhost:${hostPort}`;

const project = {
  ...Object.fromEntries(nodeTests.files.map(([p, c]) => [p, String(c)])),
  "index.html": "<!doctype html><h1>Hello from an embed</h1>\n",
};

/** The host page (another site) and a third origin that tries to talk to the embed. */
function startHosts(): Promise<Server[]> {
  const page = (query: string) => `<!doctype html><title>Docs</title><h1>Docs page</h1>
<iframe id="embed" src="${baseURL}/embed/${query}" style="width:1000px;height:560px"></iframe>
<iframe id="other" src="http://localhost:${otherPort}/evil.html" style="width:10px;height:10px"></iframe>
<script>
  window.received = [];
  addEventListener("message", (e) => {
    if (e.origin === ${JSON.stringify(baseURL)}) window.received.push(e.data);
    if (e.data === "other-sent") window.otherSent = true;
  });
  window.send = (m) => document.getElementById("embed").contentWindow.postMessage(m, ${JSON.stringify(baseURL)});
  window.goOther = () => document.getElementById("other").contentWindow.postMessage("go", "*");
</script>`;
  const host = createServer((req, res) => {
    const query = decodeURIComponent(new URL(req.url ?? "/", HOST).searchParams.get("embed") ?? "");
    res.writeHead(200, { "content-type": "text/html" }).end(page(query));
  });
  // Another origin in the same page: told to, it asks the embed for its files (the embed must not answer it, or
  // anyone), then tells the host it has sent that.
  const other = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" }).end(`<script>addEventListener("message", (e) => {
      if (e.data !== "go") return;
      parent.frames[0].postMessage({ type: "tandem:getFiles", id: "evil" }, "*");
      parent.postMessage("other-sent", "*");
    });</script>`);
  });
  return Promise.all([
    new Promise<Server>((r) => host.listen(hostPort, "127.0.0.1", () => r(host))),
    new Promise<Server>((r) => other.listen(otherPort, "127.0.0.1", () => r(other))),
  ]);
}

let servers: Server[] = [];
test.beforeAll(async () => {
  servers = await startHosts();
});
test.afterAll(() => servers.forEach((s) => s.close()));

async function embedFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${baseURL}/embed/`))).toBe(true);
  return page.frames().find((f) => f.url().startsWith(`${baseURL}/embed/`))!;
}

const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Array<Record<string, unknown>> }).received);
const send = (page: Page, message: unknown) => page.evaluate((m) => (window as unknown as { send: (m: unknown) => void }).send(m), message);

test("an embed in another site's page: view, file:line, hideExplorer, and the postMessage API with origin checks", async ({ page }) => {
  const { id } = await publishFiles(project, { title: "Embedded kata" });
  await page.goto(`${HOST}/?embed=${encodeURIComponent(`${id}?view=split&file=text.js:9&file=README.md&hideExplorer&theme=dark`)}`);
  const frame = await embedFrame(page);
  await expect(frame.getByTestId("embed-title")).toHaveText("Embedded kata");
  await expect(frame.getByTestId("embed")).toHaveAttribute("data-view", "split");
  await expect(frame.getByTestId("embed-explorer")).toHaveCount(0);
  await expect(frame.getByTestId("embed-preview")).toBeVisible();
  await expect(frame.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(frame.locator('[data-testid="editor-tab"][aria-selected="true"]')).toHaveAttribute("data-path", "text.js");
  await expect(frame.locator('[data-testid="editor-tab"][data-path="README.md"]')).toBeVisible();
  await expect(frame.locator('[data-testid="monaco-host"] .view-lines')).toContainText("export function slugify", { timeout: 60_000 });
  await expect.poll(async () => (await received(page)).map((m) => m.type)).toContain("tandem:ready");
  expect((await received(page)).find((m) => m.type === "tandem:ready")).toEqual({ type: "tandem:ready", share: id, version: 1 });
  await page.screenshot({ path: test.info().outputPath("embed.png") });

  await send(page, { type: "tandem:openFile", path: "package.json" });
  await expect(frame.locator('[data-testid="editor-tab"][aria-selected="true"]')).toHaveAttribute("data-path", "package.json");
  await send(page, { type: "tandem:nonsense" });
  await send(page, { type: "tandem:openFile", path: "no/such/file.js" });
  await expect.poll(async () => (await received(page)).find((m) => m.type === "tandem:error")).toMatchObject({ message: expect.stringContaining("no/such/file.js") });
  await send(page, { type: "tandem:getFiles", id: "g1" });
  await expect.poll(async () => (await received(page)).some((m) => m.id === "g1")).toBe(true);
  const files = (await received(page)).find((m) => m.id === "g1") as { files: Record<string, string> };
  expect(files.files["index.html"]).toContain("Hello from an embed");

  // A third origin's request is ignored. Messages reach the embed in the order they were posted, so once the host's
  // own later request is answered, the other one has been handled — and nobody got files for it.
  await page.evaluate(() => (window as unknown as { goOther: () => void }).goOther());
  await expect.poll(() => page.evaluate(() => (window as unknown as { otherSent?: boolean }).otherSent === true)).toBe(true);
  await send(page, { type: "tandem:getFiles", id: "g2" });
  await expect.poll(async () => (await received(page)).some((m) => m.id === "g2")).toBe(true);
  expect((await received(page)).some((m) => m.id === "evil")).toBe(false);
});

test("run= and tandem:run in an embed, with its preview (a page on Tandem's own origin frames it)", async ({ page }) => {
  // The sandbox origin that runs project code lets only Tandem's own pages frame it (scripts/sandbox-server.mjs), so
  // this is the setting in which an embed runs code today: a page of this server embedding one of its shares.
  const { id } = await publishFiles(project, { title: "Runs" });
  await page.goto("/s/not-a-share");
  await page.evaluate(({ id }) => {
    document.body.innerHTML = `<iframe id="embed" src="/embed/${id}?view=split&file=text.js&run=npm%20test" style="width:1000px;height:600px"></iframe>`;
    const w = window as unknown as { received: unknown[]; send: (m: unknown) => void };
    w.received = [];
    addEventListener("message", (e) => e.origin === location.origin && w.received.push(e.data));
    w.send = (m) => (document.getElementById("embed") as HTMLIFrameElement).contentWindow!.postMessage(m, location.origin);
  }, { id });
  const frame = await embedFrame(page);
  await expect(frame.getByTestId("embed-exit")).toHaveText("exit 1", { timeout: 120_000 });
  await expect(frame.getByTestId("embed-output")).toContainText("fail 1");
  await expect(frame.frameLocator('[data-testid="preview-frame"]').locator("h1")).toHaveText("Hello from an embed", { timeout: 60_000 });
  await expect.poll(async () => (await received(page)).map((m) => m.type)).toContain("tandem:ready");
  await send(page, { type: "tandem:run", command: 'node -e "console.log(6*7)"', id: "r1" });
  await expect.poll(async () => (await received(page)).find((m) => m.id === "r1"), { timeout: 60_000 }).toMatchObject({ type: "tandem:ran", exitCode: 0, stdout: "42\n" });
  await expect(frame.getByTestId("embed-output")).toContainText("42");
});

test("clickToLoad loads nothing heavy before the click; Open in Tandem carries the embed's edits into a fork", async ({ page, context }) => {
  const { id } = await publishFiles({ "notes.md": "first line\n", "index.html": "<p>hi</p>" }, { title: "Carry edits" });
  // Every request in order, and the click among them: nothing heavy may come before the click.
  const events: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes(`/api/shares/${id}/v/`) || /monaco|editor\.worker/i.test(r.url())) events.push(`heavy ${r.url()}`);
  });
  await page.goto(`${HOST}/?embed=${encodeURIComponent(`${id}?clickToLoad&view=editor&file=notes.md`)}`);
  const frame = await embedFrame(page);
  await expect(frame.getByTestId("embed-click-to-load")).toBeVisible();
  events.push("click");
  await frame.getByTestId("embed-click-to-load").click();
  await expect.poll(() => events.length).toBeGreaterThan(1);
  expect(events[0]).toBe("click");
  await expect(frame.locator('[data-testid="editor-tab"][aria-selected="true"]')).toHaveAttribute("data-path", "notes.md");
  await expect(frame.locator('[data-testid="monaco-host"]')).toHaveAttribute("data-ready", "true", { timeout: 60_000 });
  await frame.locator('[data-testid="monaco-host"] .view-lines').first().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("edited in the embed");

  const popup = context.waitForEvent("page");
  await frame.getByTestId("embed-open").click();
  const tandem = await popup;
  await expect(tandem).toHaveURL(/\/p\/[A-Za-z0-9_-]{10}/, { timeout: 60_000 });
  await expect(tandem.getByTestId("project-origin")).toContainText("forked from Carry edits v1");
  await expect(tandem.locator('[data-testid="editor-tab"][aria-selected="true"]')).toHaveAttribute("data-path", "notes.md");
  await expect(tandem.locator('[data-testid="monaco-host"] .view-lines')).toContainText("edited in the embed", { timeout: 60_000 });
});

test("a readOnly embed refuses edits", async ({ page }) => {
  const { id } = await publishFiles({ "a.js": "const a = 1;\n" });
  await page.goto(`${HOST}/?embed=${encodeURIComponent(`${id}?readOnly&file=a.js`)}`);
  const frame = await embedFrame(page);
  await expect(frame.locator('[data-testid="monaco-host"]')).toHaveAttribute("data-ready", "true", { timeout: 60_000 });
  await frame.locator('[data-testid="monaco-host"] .view-lines').first().click();
  await page.keyboard.type("zzz");
  await expect(frame.locator('[data-testid="monaco-host"] .view-lines')).not.toContainText("zzz");
});
