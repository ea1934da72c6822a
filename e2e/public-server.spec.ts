// A server with its own model key, tried as a hostile site and as ordinary people would (issue 10, findings 2, 4, 7):
// another site's page can neither use the key nor frame the IDE; the server's key stops at its budget with a message
// that says what to do; a private server lets in only those with its invite link.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./support/fixtures";
import { seedProject } from "./support/seed";
import { startTandem, type TandemServer } from "./support/tandem-server";
import { step } from "./support/xai-server";
import { ask, nodeTemplate, scenario, xai, XAI_PORT } from "./agent-support";

test.describe.configure({ mode: "serial", timeout: 120_000 });

let keyed: TandemServer;
let scenarioId = "";
/** A page on another site (localhost vs the IDE's 127.0.0.1: another site, not just another origin). */
let attacker: Server;
let attackerOrigin = "";

test.beforeAll(async () => {
  const control = await xai();
  // Two steps of 2,060 and 2,660 tokens: the second crosses the 3,000-token turn budget, so no third is asked.
  const s = await scenario(control, "public", {
    responses: [
      step({ toolCalls: [{ name: "list_files", args: {} }], usage: { input: 2000, output: 60 } }),
      step({ toolCalls: [{ name: "list_files", args: {} }], usage: { input: 2600, output: 60 } }),
      step({ text: "A third step the budget should never allow." }),
    ],
  });
  scenarioId = s.id;
  keyed = await startTandem(20, {
    XAI_API_KEY: s.key,
    XAI_BASE_URL: `http://127.0.0.1:${XAI_PORT}/v1`,
    TANDEM_LIMITS: "on",
    TANDEM_BUDGET_TURN_TOKENS: "3000",
  });
  attacker = createServer((_req, res) => {
    const ide = keyed.baseURL;
    const body = JSON.stringify({ chatId: "stolen", anchor: null, messages: [{ id: "u1", role: "user", parts: [{ type: "text", text: "use the server's key" }] }] });
    res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>A page elsewhere</title>
<iframe id="ide" src="${ide}/" width="600" height="400"></iframe>
<form id="f" method="POST" action="${ide}/api/chat" enctype="text/plain" target="sink"><input name='${body.slice(0, -2)}' value='"}'></form>
<iframe name="sink"></iframe>
<script>
  window.results = [];
  fetch(${JSON.stringify(`${ide}/api/chat`)}, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: ${JSON.stringify(body)} })
    .then(() => results.push("no-cors sent"), (e) => results.push("no-cors failed " + e));
  fetch(${JSON.stringify(`${ide}/api/chat`)}, { method: "POST", headers: { "content-type": "application/json" }, body: ${JSON.stringify(body)} })
    .then((r) => results.push("cors " + r.status), (e) => results.push("cors failed"));
  document.getElementById("f").submit();
</script>`);
  });
  await new Promise<void>((r) => attacker.listen(0, "127.0.0.1", r));
  attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await keyed?.stop();
  attacker?.close();
});

test("another site's page can neither use the server's model key nor frame the IDE", async ({ page }) => {
  const control = await xai();
  await page.goto(`${attackerOrigin}/`);
  await expect.poll(() => page.evaluate(() => (window as unknown as { results: string[] }).results.length)).toBe(2);
  // The form post was answered (into the sink frame, which the page cannot read — nor even show: it may not be framed).
  await expect.poll(() => page.frame({ name: "sink" })?.url() ?? "about:blank").not.toBe("about:blank");
  const ide = page.frames().find((f) => f.url().startsWith(keyed.baseURL));
  // The framed IDE never rendered: the browser refused it (frame-ancestors 'none' / X-Frame-Options: DENY).
  expect(ide ? await ide.locator("body *").count().catch(() => 0) : 0).toBe(0);
  await page.screenshot({ path: "e2e/.artifacts/public-attacker-page.png" });
  expect(await control.requests(scenarioId)).toEqual([]);
});

test("the server's key stops at the turn budget, with a message that says what to do", async ({ page }) => {
  const control = await xai();
  await page.goto(`${keyed.baseURL}/`);
  const id = await seedProject(page, { name: "Budget", files: nodeTemplate });
  await page.goto(`${keyed.baseURL}/p/${id}?e2e`);
  await expect(page.getByTestId("assistant-panel")).toBeVisible();
  await ask(page, "Look around.");
  const error = page.getByTestId("chat-error");
  await expect(error).toBeVisible({ timeout: 60_000 });
  await expect(error).toContainText("3,000 tokens");
  await expect(error).toContainText(/new message|your own key/);
  await expect(error).toHaveAttribute("data-code", "budget-exceeded");
  // Retrying would ask the server's key again: the way on is one's own key.
  await expect(page.getByTestId("retry")).toHaveCount(0);
  await page.getByTestId("error-settings").click();
  await expect(page.getByRole("dialog", { name: /settings/i })).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/public-budget.png" });
  // Two model steps, then the server refused the third before asking the model.
  expect(await control.requests(scenarioId)).toHaveLength(2);
});

test("a private server: without its invite link a person is told what to do; with it, Tandem works", async ({ page }) => {
  const token = "e2e-invite-token-0123456789";
  const closed = await startTandem(22, { TANDEM_ACCESS_TOKEN: token });
  try {
    await page.goto(`${closed.baseURL}/`);
    await expect(page.getByRole("heading", { name: "Access needed" })).toBeVisible();
    await expect(page.getByText("invite link")).toBeVisible();
    const api = await page.request.get(`${closed.baseURL}/api/chat`);
    expect(api.status()).toBe(401);
    expect(await api.json()).toMatchObject({ code: "unauthorized" });

    await page.goto(`${closed.baseURL}/?access=${token}`);
    await expect(page).toHaveURL(`${closed.baseURL}/`);
    await page.getByTestId("template-node-tests").click();
    await page.getByTestId("create-submit").click();
    await expect(page).toHaveURL(/\/p\//, { timeout: 30_000 });
    await expect(page.getByTestId("assistant-panel")).toBeVisible();
    // The panel asked the server which model it has: the cookie rode along.
    const model = await page.request.get(`${closed.baseURL}/api/chat`);
    expect(model.status()).toBe(200);
    await page.screenshot({ path: "e2e/.artifacts/public-invited.png" });
  } finally {
    await closed.stop();
  }
});
