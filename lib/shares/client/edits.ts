// "Open in Tandem" from an embed: the edits made there travel to a new tab in the link's fragment (never to a server),
// compressed, and are applied to the version before it is forked. A fragment, not storage: an embed runs in another
// site's frame, where this origin's storage is partitioned away from its own tabs.
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import { z } from "zod";
import type { FileContent } from "@/lib/project";
import { fromBase64Url, toBase64Url } from "./sealed";

export interface Edits {
  set: Record<string, string>;
  remove: string[];
}

const editsSchema = z.object({ set: z.record(z.string().max(1024), z.string()), remove: z.array(z.string().max(1024)) });

/** Browsers take addresses of a few MB; past this the edits are too many to carry in one. */
export const MAX_EDITS_CHARS = 1_500_000;

export function diffEdits(before: ReadonlyArray<readonly [string, FileContent]>, after: ReadonlyArray<readonly [string, FileContent]>): Edits {
  const old = new Map(before);
  const set: Record<string, string> = {};
  for (const [path, content] of after) if (typeof content === "string" && old.get(path) !== content) set[path] = content;
  const now = new Set(after.map(([p]) => p));
  return { set, remove: [...old.keys()].filter((p) => !now.has(p)) };
}

export function encodeEdits(edits: Edits): string | null {
  const text = toBase64Url(deflateSync(strToU8(JSON.stringify(edits)), { level: 9 }));
  return text.length > MAX_EDITS_CHARS ? null : text;
}

export function decodeEdits(text: string): Edits | null {
  const bytes = fromBase64Url(text);
  if (!bytes) return null;
  try {
    const parsed = editsSchema.safeParse(JSON.parse(strFromU8(inflateSync(bytes))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function applyEdits(files: ReadonlyArray<readonly [string, FileContent]>, edits: Edits): Array<[string, FileContent]> {
  const out = new Map<string, FileContent>(files);
  for (const path of edits.remove) out.delete(path);
  for (const [path, content] of Object.entries(edits.set)) out.set(path, content);
  return [...out.entries()];
}
