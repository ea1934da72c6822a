"use client";
import { cacheHitRatio, contextNearlyFull, contextRatio, formatTokens, formatUsd, tokensPerSecond, type ContextFill, type UsageTotals } from "@/lib/agent/usage";
import { formatMs } from "./ToolCard";

/** Tokens (input, cached, output, reasoning), cache-hit ratio, cost, speed and time to first token. */
export function UsageLine({ totals, label, testId, withContext }: { totals: UsageTotals; label?: string; testId?: string; withContext?: boolean }) {
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
      {withContext && totals.context && <ContextMeter context={totals.context} />}
    </p>
  );
}

/** How full the model's context is: a chat that no longer fits fails, so the panel says so before it happens. */
function ContextMeter({ context }: { context: ContextFill }) {
  const ratio = contextRatio(context);
  const full = contextNearlyFull(context);
  const title =
    ratio === null
      ? `The latest step used ${context.tokens} tokens of context (this model's context window is not known).`
      : `The latest step used ${context.tokens} of the model's ${context.window} tokens of context (${Math.round(ratio * 100)}%).` +
        (full ? " Close to full: start a new chat soon (your files stay as they are)." : "");
  return (
    <span className={full ? "font-medium text-warn" : undefined} title={title} data-testid="context-meter" data-full={full || undefined}>
      context {formatTokens(context.tokens)}
      {context.window ? ` / ${formatTokens(context.window)} (${Math.round((ratio ?? 0) * 100)}%)` : ""}
    </span>
  );
}
