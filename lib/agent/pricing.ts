// Cost of a model step: the provider's own figure when it reports one (xAI: cost in USD ticks), otherwise the price
// table in prices.json (data, updated without touching code), otherwise unknown — never a guess.
import { z } from "zod";
import table from "./prices.json";

const price = z.object({
  input: z.number(),
  cachedInput: z.number(),
  output: z.number(),
  longContextThreshold: z.number().optional(),
  longContextMultiplier: z.number().optional(),
  contextWindow: z.number().int().positive().optional(),
});
const entry = z.union([price, z.object({ alias: z.string() })]);
const prices = z.object({ models: z.record(z.string(), entry) }).parse(table).models;

/** xAI: 1 USD = 10^10 ticks. */
export const USD_TICKS = 1e10;

export interface TokenCounts {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
}

export function priceFor(model: string): z.infer<typeof price> | null {
  let e = prices[model];
  for (let hops = 0; e && "alias" in e && hops < 3; hops++) e = prices[e.alias];
  return e && !("alias" in e) ? e : null;
}

/** The model's context window in tokens, when the table knows it (an OpenAI-compatible model usually is not there). */
export function contextWindowFor(model: string): number | null {
  return priceFor(model)?.contextWindow ?? null;
}

export function stepCost(model: string, tokens: TokenCounts, providerTicks?: number | null):
  { costUsd: number | null; costSource: "provider" | "price-table" | "unknown" } {
  if (typeof providerTicks === "number" && Number.isFinite(providerTicks)) return { costUsd: providerTicks / USD_TICKS, costSource: "provider" };
  const p = priceFor(model);
  if (!p) return { costUsd: null, costSource: "unknown" };
  const long = p.longContextThreshold !== undefined && tokens.inputTokens >= p.longContextThreshold ? (p.longContextMultiplier ?? 1) : 1;
  const uncached = Math.max(0, tokens.inputTokens - tokens.cachedInputTokens);
  const usd = (uncached * p.input + tokens.cachedInputTokens * p.cachedInput + tokens.outputTokens * p.output) * long / 1e6;
  return { costUsd: usd, costSource: "price-table" };
}
