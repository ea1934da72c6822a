// The shares this browser owns: their owner secrets (the only proof of ownership — no accounts yet), the encryption
// key of an end-to-end encrypted one, and the local project each publishes from. Kept in localStorage: small, read
// synchronously by Home and the Share dialog, and a manage link can always bring an entry back.
import { z } from "zod";
import { SHARE_ID_PATTERN } from "../protocol";

export const ownedShare = z.object({
  id: z.string().regex(SHARE_ID_PATTERN),
  secret: z.string().min(16).max(200),
  /** "share": a link to hand out; "cloud": this project's private copy on the server. */
  kind: z.enum(["share", "cloud"]),
  title: z.string().max(200),
  /** The local project it publishes from (absent after opening a manage link in another browser). */
  projectId: z.string().max(100).optional(),
  /** End-to-end encrypted: the key, which is also in every link's fragment. */
  key: z.string().max(100).optional(),
  latestVersion: z.number().int().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type OwnedShare = z.infer<typeof ownedShare>;

const KEY = "tandem.shares.owned.v1";
const listeners = new Set<() => void>();
let memory: OwnedShare[] = [];
let snapshot: OwnedShare[] | null = null;

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // blocked (a sandboxed or third-party frame): this tab remembers, nothing more
  }
}

export function listOwnedShares(): OwnedShare[] {
  if (snapshot) return snapshot;
  const s = storage();
  if (!s) return (snapshot = memory);
  try {
    const parsed = z.array(z.unknown()).safeParse(JSON.parse(s.getItem(KEY) ?? "[]"));
    // Entries that do not parse are dropped one by one, never the whole list.
    snapshot = parsed.success ? parsed.data.flatMap((e) => {
      const r = ownedShare.safeParse(e);
      return r.success ? [r.data] : [];
    }) : [];
  } catch {
    snapshot = [];
  }
  return snapshot;
}

function write(list: OwnedShare[]): void {
  snapshot = list;
  const s = storage();
  if (s) {
    try {
      s.setItem(KEY, JSON.stringify(list));
    } catch {
      memory = list;
    }
  } else memory = list;
  listeners.forEach((l) => l());
}

export function rememberShare(entry: OwnedShare): void {
  write([entry, ...listOwnedShares().filter((e) => e.id !== entry.id)]);
}

export function updateOwnedShare(id: string, change: Partial<Omit<OwnedShare, "id">>): void {
  write(listOwnedShares().map((e) => (e.id === id ? { ...e, ...change, updatedAt: Date.now() } : e)));
}

export function forgetShare(id: string): void {
  write(listOwnedShares().filter((e) => e.id !== id));
}

export function findOwnedShare(id: string): OwnedShare | undefined {
  return listOwnedShares().find((e) => e.id === id);
}

/** The share (or cloud copy) a local project publishes to. */
export function shareOfProject(projectId: string, kind: OwnedShare["kind"]): OwnedShare | undefined {
  return listOwnedShares().find((e) => e.projectId === projectId && e.kind === kind);
}

export function subscribeOwnedShares(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== KEY) return;
    snapshot = null;
    listener();
  };
  if (typeof window !== "undefined") window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    if (typeof window !== "undefined") window.removeEventListener("storage", onStorage);
  };
}
