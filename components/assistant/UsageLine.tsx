"use client";
import { cacheHitRatio, formatTokens, formatUsd, tokensPerSecond, type UsageTotals } from "@/lib/agent/usage";
import { formatMs } from "./ToolCard";

/** Tokens (input, cached, output, reasoning), cache-hit ratio, cost, speed and time to first token. */
export function UsageLine({ totals, label, testId }: { totals: UsageTotals; label?: string; testId?: string }) {
  if (totals.steps === 0) return null;
  const ratio = cacheHitRatio(totals);
  const tps = tokensPerSecond(totals);
  const title =
    `${totals.steps} step(s): ${totals.inputTokens} input tokens (${totals.cachedInputTokens} cached), ` +
    `${totals.outputTokens} output tokens (${totals.reasoningTokens} reasoning)` +
    (totals.costIncomplete ? "; cost unknown for some steps" : "");
  return (
    <p className="flex flex-wrap gap-x-2 text-[11px] tabular-nums text-muted" title={title} data-testid={testId}>
      {label && <span className="font-medium">{label}</span>}
      <span>{formatTokens(totals.inputTokens)} in{ratio !== null ? ` (${Math.round(ratio * 100)}% cached)` : ""}</span>
      <span>{formatTokens(totals.outputTokens)} out</span>
      {totals.reasoningTokens > 0 && <span>{formatTokens(totals.reasoningTokens)} reasoning</span>}
      <span data-testid={testId ? `${testId}-cost` : undefined}>{formatUsd(totals.costUsd)}{totals.costIncomplete ? "+" : ""}</span>
      {tps !== null && <span>{Math.round(tps)} tok/s</span>}
      {totals.firstTokenMs !== null && <span>TTFT {formatMs(totals.firstTokenMs)}</span>}
    </p>
  );
}
