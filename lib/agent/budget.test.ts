import { describe, expect, it } from "vitest";
import { budgetExceeded, DEFAULT_BUDGET } from "./budget";
import { addStep, cacheHitRatio, emptyTotals, tokensPerSecond } from "./usage";

const step = { model: "grok-4.3", inputTokens: 1000, cachedInputTokens: 800, outputTokens: 100, reasoningTokens: 10, costUsd: 0.001, costSource: "provider" as const, timeToFirstTokenMs: 120, streamMs: 500, finishReason: "tool-calls" };

describe("usage and budget", () => {
  it("sums steps and derives ratios", () => {
    const t = addStep(addStep(emptyTotals(), step), { ...step, costUsd: null, timeToFirstTokenMs: 50 });
    expect(t).toMatchObject({ steps: 2, inputTokens: 2000, cachedInputTokens: 1600, costUsd: 0.001, costIncomplete: true, firstTokenMs: 120 });
    expect(cacheHitRatio(t)).toBe(0.8);
    expect(tokensPerSecond(t)).toBe(200);
  });
  it("stops at the step limit, the token budget and the dollar budget", () => {
    let t = emptyTotals();
    for (let i = 0; i < 29; i++) t = addStep(t, step);
    expect(budgetExceeded(t, DEFAULT_BUDGET)).toBeNull();
    expect(budgetExceeded(addStep(t, step), DEFAULT_BUDGET)).toMatch(/after 30 steps/);
    expect(budgetExceeded(addStep(emptyTotals(), { ...step, inputTokens: 3_000_000 }), DEFAULT_BUDGET)).toMatch(/tokens/);
    expect(budgetExceeded(addStep(emptyTotals(), { ...step, costUsd: 5 }), DEFAULT_BUDGET)).toMatch(/cost \$5.00/);
  });
});
