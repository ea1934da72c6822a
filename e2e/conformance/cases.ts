// The differential conformance suite's programs and how their output is compared. Each case is one `.case` file
// under cases/<area>/: a few `% key: value` lines (cmd, stdin), then the files, each after a `=== path` line (with
// none, the whole text is main.js). A case runs in a folder of its own, /project/<area>-<name>, under real Node 24
// and in the offline runtime; stdout, stderr and the exit code must be the same after `normalize`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface Case {
  /** "<area>/<name>", as the allow-list names it. */
  id: string;
  area: string;
  /** Folder inside the project both runs use. */
  dir: string;
  cmd: string;
  stdin?: string;
  files: Record<string, string>;
}

export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "cases");

export function parseCase(area: string, name: string, text: string): Case {
  const lines = text.split("\n");
  const meta: Record<string, string> = {};
  while (lines.length && lines[0]?.startsWith("% ")) {
    const line = (lines.shift() as string).slice(2);
    const at = line.indexOf(":");
    meta[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  const files: Record<string, string> = {};
  if (!lines.some((l) => l.startsWith("=== "))) files["main.js"] = lines.join("\n");
  else {
    let current: string | undefined;
    for (const line of lines) {
      if (line.startsWith("=== ")) files[(current = line.slice(4).trim())] = "";
      else if (current !== undefined) files[current] += `${line}\n`;
    }
    // The separator's newline belongs to the next file: drop the one added after a file's last line.
    for (const [p, c] of Object.entries(files)) files[p] = c.replace(/\n$/, "");
  }
  const unescape = (s: string) => JSON.parse(`"${s.replace(/"/g, '\\"')}"`) as string;
  return {
    id: `${area}/${name}`,
    area,
    dir: `${area}-${name}`,
    cmd: meta.cmd ?? "node main.js",
    ...(meta.stdin !== undefined ? { stdin: unescape(meta.stdin) } : {}),
    files,
  };
}

export function loadCases(): Case[] {
  const out: Case[] = [];
  for (const area of readdirSync(CASES_DIR).sort()) {
    for (const file of readdirSync(path.join(CASES_DIR, area)).sort()) {
      if (!file.endsWith(".case")) continue;
      out.push(parseCase(area, file.slice(0, -".case".length), readFileSync(path.join(CASES_DIR, area, file), "utf8")));
    }
  }
  return out;
}

/**
 * Only what Node itself varies between runs and releases is made equal: durations, the patch release, line numbers
 * inside Node's own modules, and stack frames in them (Node's internals; a frame line ending an object's ` {` keeps
 * the brace). Everything the program prints stays as it is.
 */
export function normalize(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .replace(/\n\s+at (?:async )?(?:[^\n]*\()?node:[^\n]*?\)?( \{)?(?=\n|$)/g, (_m, brace: string | undefined) => brace ?? "")
    .replace(/\((\d+(?:\.\d+)?)ms\)/g, "(Nms)")
    .replace(/duration_ms:? \d+(?:\.\d+)?/g, (m) => m.replace(/\d+(?:\.\d+)?$/, "N"))
    .replace(/\bv24\.\d+\.\d+\b/g, "v24.x")
    .replace(/(node:internal\/[\w/]+):\d+/g, "$1:N");
}

export interface AllowEntry {
  /** Which parts may differ. */
  differs: Array<"stdout" | "stderr" | "exitCode">;
  /** Why: what the offline runtime does differently, in words a maintainer can act on. */
  reason: string;
}

export type AllowList = Record<string, AllowEntry>;

export function loadAllowList(): AllowList {
  return JSON.parse(readFileSync(path.join(path.dirname(CASES_DIR), "allow-list.json"), "utf8")) as AllowList;
}

export function differences(expected: Outcome, actual: Outcome): Array<"stdout" | "stderr" | "exitCode"> {
  const out: Array<"stdout" | "stderr" | "exitCode"> = [];
  if (normalize(expected.stdout) !== normalize(actual.stdout)) out.push("stdout");
  if (normalize(expected.stderr) !== normalize(actual.stderr)) out.push("stderr");
  if (expected.exitCode !== actual.exitCode) out.push("exitCode");
  return out;
}
