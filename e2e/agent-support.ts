// Helpers for the assistant e2e specs: the local xAI stand-in (one process shared by all workers, on E2E_PORT + 1000,
// the port the app's XAI_BASE_URL points at), scenarios keyed by API key, and driving the panel like a person.
import type { Page } from "@playwright/test";
import { FIX_THE_TEST_SCRIPT } from "../lib/agent/demo";
import { nodeTests } from "../lib/templates/node-tests";
import { expect } from "./support/fixtures";
import { seedProject } from "./support/seed";
import { ensureXaiServer, step, type Scenario, type ScriptedResponse, type XaiControl } from "./support/xai-server";

export const XAI_PORT = Number(process.env.E2E_PORT ?? 3107) + 1000;
export const nodeTemplate = Object.fromEntries(nodeTests.files.map(([p, c]) => [p, String(c)]));

export async function xai(): Promise<XaiControl> {
  return ensureXaiServer(XAI_PORT);
}

/** A fresh scenario; returns the API key that selects it. */
export async function scenario(control: XaiControl, name: string, s: Scenario): Promise<{ id: string; key: string }> {
  const id = `${name}-${Math.random().toString(36).slice(2, 10)}`;
  await control.setScenario(id, s);
  return { id, key: `xai-test-${id}` };
}

/** The demo script as xAI responses (the same steps the no-key demo replays). */
export function fixTheTestSteps(): ScriptedResponse[] {
  return FIX_THE_TEST_SCRIPT.map((s, i) =>
    step({
      ...(s.reasoning ? { reasoning: s.reasoning } : {}),
      ...(s.text ? { text: s.text } : {}),
      ...(s.toolCalls ? { toolCalls: s.toolCalls.map((c) => ({ name: c.name, args: c.args })) } : {}),
      usage: { input: 2000 + i * 600, cached: i === 0 ? 0 : 1900 + (i - 1) * 600, output: 60, reasoning: 20, costTicks: 4_000_000 },
    }),
  );
}

/** Opens a seeded project with the browser's own key already saved (as the settings dialog would). */
export async function openWithKey(page: Page, key: string | null, files: Record<string, string> = nodeTemplate, name = "Agent test"): Promise<string> {
  const id = await seedProject(page, { name, files });
  if (key !== null)
    await page.evaluate((k) => localStorage.setItem("tandem.agent.settings", JSON.stringify({ apiKey: k })), key);
  await page.goto(`/p/${id}?e2e`);
  await expect(page.getByTestId("assistant-panel")).toBeVisible();
  return id;
}

export async function waitForRuntime(page: Page): Promise<void> {
  await expect(page.getByTestId("runtime-status")).toHaveAttribute("data-state", "ready", { timeout: 90_000 });
}

export async function ask(page: Page, text: string): Promise<void> {
  const input = page.getByTestId("chat-input");
  await input.click();
  await input.fill(text);
  await page.getByTestId("send").click();
}

export const cards = (page: Page) => page.getByTestId("tool-card");
