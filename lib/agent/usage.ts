// Usage arithmetic for the panel: per step (from the server), summed per turn and per session.
import type { StepUsage } from "./protocol";

export interface UsageTotals {
  steps: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  costUsd: number;
  /** True when at least one step's cost was unknown (the sum is then a lower bound). */
  costIncomplete: boolean;
  streamMs: number;
  /** Time to first token of the turn's first step. */
  firstTokenMs: number | null;
  /** How full the model's context was at the latest step: its input plus its output (which the next step carries).
   * Absent in chats saved by older builds. */
  context?: ContextFill;
}

export interface ContextFill {
  tokens: number;
  /** The model's context window, when known. */
  window: number | null;
}

/** From this share of the window on, the panel warns that the chat is close to not fitting. */
export const CONTEXT_WARN_RATIO = 0.8;

export const emptyTotals = (): UsageTotals => ({
  steps: 0,
  inputTokens: 0,
  cachedInputTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  costUsd: 0,
  costIncomplete: false,
  streamMs: 0,
  firstTokenMs: null,
});

export function addStep(totals: UsageTotals, step: StepUsage): UsageTotals {
  return {
    steps: totals.steps + 1,
    inputTokens: totals.inputTokens + step.inputTokens,
    cachedInputTokens: totals.cachedInputTokens + step.cachedInputTokens,
    outputTokens: totals.outputTokens + step.outputTokens,
    reasoningTokens: totals.reasoningTokens + step.reasoningTokens,
    costUsd: totals.costUsd + (step.costUsd ?? 0),
    costIncomplete: totals.costIncomplete || step.costUsd === null,
    streamMs: totals.streamMs + step.streamMs,
    firstTokenMs: totals.firstTokenMs ?? step.timeToFirstTokenMs,
    context: { tokens: step.inputTokens + step.outputTokens, window: step.contextWindow ?? null },
  };
}

export function sumTotals(a: UsageTotals, b: UsageTotals): UsageTotals {
  // The later of the two (b) holds the more recent fill.
  const context = b.context ?? a.context;
  return {
    steps: a.steps + b.steps,
    inputTokens: a.inputTokens + b.inputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    costUsd: a.costUsd + b.costUsd,
    costIncomplete: a.costIncomplete || b.costIncomplete,
    streamMs: a.streamMs + b.streamMs,
    firstTokenMs: a.firstTokenMs ?? b.firstTokenMs,
    ...(context ? { context } : {}),
  };
}

/** The share of the context window in use, or null when the window is unknown. */
export const contextRatio = (c: ContextFill): number | null => (c.window ? c.tokens / c.window : null);

/** True from CONTEXT_WARN_RATIO of a known window on: the panel warns and offers a new chat. */
export const contextNearlyFull = (c: ContextFill | undefined): boolean => {
  const ratio = c ? contextRatio(c) : null;
  return ratio !== null && ratio >= CONTEXT_WARN_RATIO;
};

export const cacheHitRatio = (t: UsageTotals): number | null => (t.inputTokens > 0 ? t.cachedInputTokens / t.inputTokens : null);

/** Output tokens per second of streaming (null until something streamed for a measurable time). */
export const tokensPerSecond = (t: UsageTotals): number | null => (t.streamMs >= 20 ? (t.outputTokens * 1000) / t.streamMs : null);

export function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(2).replace(/\.?0+$/, "")}M`;
}
