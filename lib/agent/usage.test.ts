import { describe, expect, it } from "vitest";
import type { StepUsage } from "./protocol";
import { addStep, contextNearlyFull, contextRatio, emptyTotals, formatTokens, sumTotals } from "./usage";

const step = (inputTokens: number, outputTokens: number, contextWindow?: number | null): StepUsage => ({
  model: "grok-4.3",
  inputTokens,
  cachedInputTokens: 0,
  outputTokens,
  reasoningTokens: 0,
  costUsd: 0,
  costSource: "provider",
  timeToFirstTokenMs: 10,
  streamMs: 100,
  finishReason: "stop",
  ...(contextWindow !== undefined ? { contextWindow } : {}),
});

describe("formatTokens", () => {
  it("writes counts the way the panel shows them", () => {
    expect([999, 1_500, 12_345, 850_100, 1_000_000, 1_250_000].map(formatTokens)).toEqual(["999", "1.5k", "12k", "850k", "1M", "1.25M"]);
  });
});

describe("usage totals", () => {
  it("sum tokens over steps, and the context fill is the latest step's input plus its output", () => {
    const totals = addStep(addStep(emptyTotals(), step(1_000, 50, 1_000_000)), step(1_200, 80, 1_000_000));
    expect(totals).toMatchObject({ steps: 2, inputTokens: 2_200, outputTokens: 130 });
    expect(totals.context).toEqual({ tokens: 1_280, window: 1_000_000 });
    expect(contextRatio(totals.context!)).toBeCloseTo(0.00128, 8);
  });

  it("an unknown window (an OpenAI-compatible model, an older recording) still reports the tokens, with no ratio", () => {
    const totals = addStep(emptyTotals(), step(5_000, 100));
    expect(totals.context).toEqual({ tokens: 5_100, window: null });
    expect(contextRatio(totals.context!)).toBeNull();
    expect(contextNearlyFull(totals.context)).toBe(false);
  });

  it("is nearly full from 80 % of a known window", () => {
    expect(contextNearlyFull({ tokens: 799_999, window: 1_000_000 })).toBe(false);
    expect(contextNearlyFull({ tokens: 800_000, window: 1_000_000 })).toBe(true);
    expect(contextNearlyFull(undefined)).toBe(false);
  });

  it("summing turns keeps the most recent fill; chats saved before the fill existed have none", () => {
    const early = addStep(emptyTotals(), step(1_000, 10, 100_000));
    const late = addStep(emptyTotals(), step(90_000, 10, 100_000));
    expect(sumTotals(early, late).context).toEqual({ tokens: 90_010, window: 100_000 });
    expect(sumTotals(late, emptyTotals()).context).toEqual({ tokens: 90_010, window: 100_000 });
    expect(sumTotals(emptyTotals(), emptyTotals())).not.toHaveProperty("context");
  });
});
