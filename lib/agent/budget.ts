// Per-turn limits that stop runaway loops (the field's worst complaint: millions of tokens burned in a fix loop that
// never converges). Checked before each automatic continuation; the turn ends with a clear message instead.
import { z } from "zod";
import type { UsageTotals } from "./usage";

export const budgetSettings = z.object({
  maxSteps: z.number().int().min(1).max(500).default(30),
  maxTokens: z.number().int().min(1000).default(2_000_000),
  maxUsd: z.number().min(0).default(2),
});
export type BudgetSettings = z.infer<typeof budgetSettings>;
export const DEFAULT_BUDGET: BudgetSettings = budgetSettings.parse({});

/** Null while the turn may continue; otherwise why it stopped. */
export function budgetExceeded(turn: UsageTotals, budget: BudgetSettings): string | null {
  if (turn.steps >= budget.maxSteps)
    return `Stopped after ${turn.steps} steps, the limit per message (${budget.maxSteps}). Send a message to let the assistant continue, or raise the limit in settings.`;
  const tokens = turn.inputTokens + turn.outputTokens;
  if (tokens >= budget.maxTokens)
    return `Stopped: this message used ${tokens.toLocaleString("en-US")} tokens, over the budget of ${budget.maxTokens.toLocaleString("en-US")}. Send a message to continue, or raise the budget in settings.`;
  if (turn.costUsd >= budget.maxUsd)
    return `Stopped: this message cost $${turn.costUsd.toFixed(2)}, over the budget of $${budget.maxUsd.toFixed(2)}. Send a message to continue, or raise the budget in settings.`;
  return null;
}
