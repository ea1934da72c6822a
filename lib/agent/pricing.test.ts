import { describe, expect, it } from "vitest";
import { contextWindowFor, stepCost } from "./pricing";

describe("stepCost", () => {
  it("prefers the provider's figure", () => {
    expect(stepCost("grok-4.3", { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1 }, 37_756_000)).toEqual({ costUsd: 0.0037756, costSource: "provider" });
  });
  it("uses the price table, with cached tokens and the long-context multiplier", () => {
    const small = stepCost("grok-code-fast-1", { inputTokens: 100_000, cachedInputTokens: 50_000, outputTokens: 100_000 });
    expect(small.costSource).toBe("price-table");
    expect(small.costUsd).toBeCloseTo(0.0625 + 0.01 + 0.25, 6);
    const long = stepCost("grok-4.3", { inputTokens: 200_000, cachedInputTokens: 0, outputTokens: 0 });
    expect(long.costUsd).toBeCloseTo(0.5, 6);
  });
  it("says unknown rather than guessing", () => {
    expect(stepCost("llama3", { inputTokens: 10, cachedInputTokens: 0, outputTokens: 10 })).toEqual({ costUsd: null, costSource: "unknown" });
  });
});

describe("contextWindowFor", () => {
  it("knows the window of a model in the table (aliases included) and says null for one it does not know", () => {
    expect(contextWindowFor("grok-4.3")).toBe(1_000_000);
    expect(contextWindowFor("grok-code-fast-1")).toBe(1_000_000);
    expect(contextWindowFor("llama3")).toBeNull();
  });
});
