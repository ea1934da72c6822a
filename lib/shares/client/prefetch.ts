// Opening a share needs none of the viewer's code, so the page starts the downloads (details, and the version itself)
// while that code is still loading; the viewer takes what is already under way. One-shot, like lib/persistence's.
import type { ShareInfo } from "../protocol";
import { shareApi, shareInfo, type ShareApi } from "./api";
import { openVersion, type OpenedShare } from "./open";
import { importSealKey } from "./sealed";

export interface ShareRead {
  info: Promise<ShareInfo>;
  /** The version asked for, or the latest (resolved from `info`). */
  version: Promise<OpenedShare>;
}

const pending = new Map<string, ShareRead>();
const keyOf = (id: string, n: number | "latest") => `${id}/${n}`;

export interface ReadOptions {
  ownerSecret?: string;
  /** The end-to-end key from the link's fragment. */
  keyText?: string;
  api?: ShareApi;
}

export function readShare(id: string, n: number | "latest", options: ReadOptions = {}): ShareRead {
  const api = options.api ?? shareApi();
  const info = shareInfo(api, id, options.ownerSecret);
  const key = options.keyText ? importSealKey(options.keyText) : Promise.resolve(null);
  const open = async (number: number) => openVersion(api, id, number, { ...(options.ownerSecret ? { ownerSecret: options.ownerSecret } : {}), key: await key });
  const version =
    n === "latest"
      ? info.then((i) => {
          const latest = i.versions.at(-1);
          if (!latest) throw new Error("This share has no versions.");
          return open(latest.number);
        })
      : open(n);
  info.catch(() => undefined);
  version.catch(() => undefined);
  return { info, version };
}

export function prefetchShare(id: string, n: number | "latest", options: ReadOptions = {}): void {
  if (pending.has(keyOf(id, n))) return;
  pending.set(keyOf(id, n), readShare(id, n, options));
}

export function takeShareRead(id: string, n: number | "latest", options: ReadOptions = {}): ShareRead {
  const read = pending.get(keyOf(id, n));
  pending.delete(keyOf(id, n));
  return read ?? readShare(id, n, options);
}
