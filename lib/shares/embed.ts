// Embeds (/embed/[id]): the parameters a page passes in the iframe's address, and the postMessage API between the
// host page and the embed. Pure: parsed with zod, shared by the embed view and its tests (and documented in
// lib/shares/EMBED.md for people embedding Tandem).
import { z } from "zod";

export type EmbedView = "editor" | "preview" | "split";

export interface EmbedFile {
  path: string;
  line?: number;
}

export interface EmbedOptions {
  view: EmbedView;
  /** Files to open as tabs (the first active), optionally at a line. */
  files: EmbedFile[];
  theme: "light" | "dark" | null;
  hideExplorer: boolean;
  readOnly: boolean;
  /** A command run once the runtime is up (e.g. npm test). */
  run: string | null;
  /** Show a placeholder; nothing heavy (editor, runtime, the project) loads before a click. */
  clickToLoad: boolean;
}

const flag = (value: string | null) => value !== null && !["0", "false", "no", "off"].includes(value.toLowerCase());

/** "src/app.js:12" → { path, line }. A bad part is dropped, never fatal: an embed in someone's docs must open. */
export function parseFileParam(value: string): EmbedFile | null {
  const m = /^(.+?)(?::(\d{1,7}))?$/.exec(value.trim());
  if (!m || !m[1] || m[1].includes("\0") || m[1].length > 1024) return null;
  return { path: m[1].replace(/^\/+/, ""), ...(m[2] ? { line: Math.max(1, Number(m[2])) } : {}) };
}

export function parseEmbedParams(params: URLSearchParams): EmbedOptions {
  const view = params.get("view");
  const theme = params.get("theme");
  const run = params.get("run")?.trim();
  const files = params
    .getAll("file")
    .flatMap((v) => v.split(","))
    .map(parseFileParam)
    .filter((f): f is EmbedFile => f !== null)
    .slice(0, 20);
  return {
    view: view === "preview" || view === "split" ? view : "editor",
    files,
    theme: theme === "light" || theme === "dark" ? theme : null,
    hideExplorer: flag(params.get("hideExplorer")),
    readOnly: flag(params.get("readOnly")),
    run: run ? run.slice(0, 500) : null,
    clickToLoad: flag(params.get("clickToLoad")),
  };
}

/** Messages a host page sends to an embed (window.postMessage on the iframe's contentWindow). */
export const hostMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("tandem:openFile"), path: z.string().min(1).max(1024), line: z.number().int().min(1).optional() }),
  z.object({ type: z.literal("tandem:run"), command: z.string().min(1).max(500), id: z.string().max(100).optional() }),
  z.object({ type: z.literal("tandem:getFiles"), id: z.string().max(100).optional() }),
]);
export type HostMessage = z.infer<typeof hostMessage>;

/** Messages an embed sends to its host page. */
export type EmbedMessage =
  | { type: "tandem:ready"; share: string; version: number }
  | { type: "tandem:files"; id?: string; files: Record<string, string> }
  | { type: "tandem:ran"; id?: string; command: string; exitCode: number; stdout: string; stderr: string }
  | { type: "tandem:error"; id?: string; message: string };

/**
 * The host page's origin, as far as the embed can tell: Chromium's ancestorOrigins, else the Referer the host sent.
 * Null when neither says (the embed then answers no one: replies go only to an origin it knows).
 */
export function hostOrigin(location: { ancestorOrigins?: { length: number; [i: number]: string } }, referrer: string): string | null {
  const ancestor = location.ancestorOrigins && location.ancestorOrigins.length ? location.ancestorOrigins[0] : undefined;
  if (ancestor && ancestor !== "null") return ancestor;
  try {
    return referrer ? new URL(referrer).origin : null;
  } catch {
    return null;
  }
}
