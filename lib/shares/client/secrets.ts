// The pre-share check: strings shaped like keys, tokens and private keys, and environment files, with where they are.
// Hand-written patterns (the scanners that exist — gitleaks, trufflehog, secretlint — are Go binaries or Node-only
// rule engines, not something to ship to a browser); each pattern is a documented token format, plus one generic
// "name = long random value" rule gated on randomness so ordinary code does not trip it.
import type { FileContent } from "@/lib/project";
import { isEnvFile } from "./select";

export interface SecretFinding {
  path: string;
  /** 1-based; 0 for findings about the whole file. */
  line: number;
  kind: string;
  /** The start of the match only, masked: enough to recognise it, not enough to use it. */
  preview: string;
}

const PATTERNS: Array<{ kind: string; re: RegExp }> = [
  { kind: "private key", re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: "AWS access key", re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: "GitHub token", re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/g },
  { kind: "Anthropic API key", re: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: "OpenAI-style API key", re: /\bsk-(?!ant-)(?:proj-|live-|test-)?[A-Za-z0-9_-]{20,}/g },
  { kind: "xAI API key", re: /\bxai-[A-Za-z0-9]{20,}/g },
  { kind: "Stripe key", re: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: "Slack token", re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { kind: "Google API key", re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: "JSON Web Token", re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: "password in a URL", re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:([^\s@/"']{6,})@[^\s"']+/gi },
];

const GENERIC = /\b([A-Za-z0-9_-]*(?:api[_-]?key|secret|token|passw(?:or)?d|access[_-]?key|auth)[A-Za-z0-9_-]*)["']?\s*[:=]\s*["'`]([^"'`\s]{16,})["'`]/gi;
const PLACEHOLDER = /^(?:x+|\*+|\.+|<.*>|\$\{.*\}|your[-_].*|change[-_]?me.*|example.*|test.*|dummy.*|placeholder.*|process\.env.*)$/i;

/** Bits per character: random keys are near 4–6, words and identifiers lower. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function mask(value: string): string {
  return value.length <= 8 ? "••••" : `${value.slice(0, 6)}…`;
}

const MAX_SCAN_BYTES = 1024 * 1024;

export function scanForSecrets(files: Iterable<readonly [string, FileContent]>): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const [path, content] of files) {
    if (isEnvFile(path) && !/\.(?:example|sample|template|dist)$/.test(path)) findings.push({ path, line: 0, kind: "environment file", preview: "" });
    if (typeof content !== "string" || content.length > MAX_SCAN_BYTES) continue;
    const lineAt = lineIndex(content);
    const seen = new Set<string>();
    const add = (index: number, kind: string, value: string) => {
      const line = lineAt(index);
      const key = `${line}:${kind}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ path, line, kind, preview: mask(value) });
    };
    for (const { kind, re } of PATTERNS) for (const m of content.matchAll(re)) add(m.index, kind, m[0]);
    for (const m of content.matchAll(GENERIC)) {
      const value = m[2]!;
      if (PLACEHOLDER.test(value) || entropy(value) < 3.5) continue;
      add(m.index, `value of ${m[1]!.slice(0, 40)}`, value);
    }
  }
  return findings;
}

/** Maps a character index to its 1-based line (binary search over line starts). */
function lineIndex(text: string): (index: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
