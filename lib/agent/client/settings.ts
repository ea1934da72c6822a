// A person's assistant settings, kept in their browser only (localStorage). The API key in here travels per request
// to our own origin (a header), never elsewhere, and the server neither stores nor logs it.
import { z } from "zod";
import { budgetSettings, DEFAULT_BUDGET, type BudgetSettings } from "../budget";
import { modelSettings, type ModelSettings } from "../model-config";

const STORAGE_KEY = "tandem.agent.settings";

export const agentSettings = z.object({
  model: modelSettings.default({}),
  apiKey: z.string().max(500).optional(),
  budget: budgetSettings.default(DEFAULT_BUDGET),
});
export type AgentSettings = { model: ModelSettings; apiKey?: string; budget: BudgetSettings };

export function loadSettings(storage: Pick<Storage, "getItem"> | null = safeStorage()): AgentSettings {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    const parsed = agentSettings.safeParse(raw ? JSON.parse(raw) : {});
    if (parsed.success) return parsed.data as AgentSettings;
  } catch {
    // unreadable: defaults
  }
  return { model: {}, budget: DEFAULT_BUDGET };
}

export function saveSettings(settings: AgentSettings, storage: Pick<Storage, "setItem"> | null = safeStorage()): void {
  storage?.setItem(STORAGE_KEY, JSON.stringify(agentSettings.parse(settings)));
}

function safeStorage(): Storage | null {
  try {
    return typeof window !== "undefined" ? window.localStorage : null;
  } catch {
    return null;
  }
}
