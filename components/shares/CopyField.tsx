"use client";
import { Check, Copy } from "lucide-react";
import { useState } from "react";

/** A read-only value with a Copy button (the text is also selectable, for browsers that refuse the clipboard). */
export function CopyField({ label, value, testId, multiline = false }: { label: string; value: string; testId: string; multiline?: boolean }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied(null), 1500);
  };
  const field = "min-w-0 flex-1 rounded border border-border bg-surface-2 px-2 py-1 font-mono text-[11px] text-fg";
  return (
    <label className="block text-xs">
      <span className="mb-1 block text-muted">{label}</span>
      <span className="flex items-start gap-1.5">
        {multiline ? (
          <textarea readOnly value={value} rows={3} data-testid={testId} className={`${field} resize-none`} onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input readOnly value={value} data-testid={testId} className={field} onFocus={(e) => e.currentTarget.select()} />
        )}
        <button
          type="button"
          onClick={() => void copy()}
          data-testid={`${testId}-copy`}
          className="inline-flex shrink-0 items-center gap-1 rounded border border-border px-2 py-1 text-muted hover:bg-surface-3 hover:text-fg"
        >
          {copied === "yes" ? <Check size={12} aria-hidden /> : <Copy size={12} aria-hidden />}
          {copied === "yes" ? "Copied" : copied === "failed" ? "Select and copy" : "Copy"}
        </button>
      </span>
    </label>
  );
}
