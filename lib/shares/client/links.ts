// The links a share hands out. Secrets (the owner secret, an encryption key) only ever go in the fragment (#…), which
// a browser never sends to any server — not ours, not a proxy's logs, not a Referer.
export interface LinkOptions {
  origin: string;
  id: string;
  version?: number;
  /** End-to-end encryption key (base64url). */
  key?: string;
}

const fragment = (parts: Record<string, string | undefined>) => {
  const entries = Object.entries(parts).filter((e): e is [string, string] => e[1] !== undefined);
  return entries.length ? `#${entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}` : "";
};

export function shareUrl({ origin, id, version, key }: LinkOptions): string {
  return `${origin}/s/${id}${version ? `/v/${version}` : ""}${fragment({ key })}`;
}

export function manageUrl(options: LinkOptions & { secret: string }): string {
  return `${options.origin}/s/${options.id}${fragment({ key: options.key, owner: options.secret })}`;
}

export function embedUrl(options: LinkOptions & { query?: Record<string, string> }): string {
  const q = new URLSearchParams(options.query ?? {}).toString();
  return `${options.origin}/embed/${options.id}${options.version ? `/v/${options.version}` : ""}${q ? `?${q}` : ""}${fragment({ key: options.key })}`;
}

export function embedSnippet(options: LinkOptions & { title?: string }): string {
  const src = embedUrl({ ...options, query: { view: "split" } }).replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  const title = (options.title || "Tandem project").replace(/[<>&"]/g, "");
  return `<iframe src="${src}" title="${title}" style="width:100%;height:500px;border:0;border-radius:8px" allow="clipboard-write"></iframe>`;
}

/** Reads #key=…&owner=… (what the links above put there). */
export function readFragment(hash: string): { key?: string; owner?: string; edits?: string } {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const get = (name: string) => params.get(name) ?? undefined;
  const out: { key?: string; owner?: string; edits?: string } = {};
  const key = get("key");
  const owner = get("owner");
  const edits = get("edits");
  if (key) out.key = key;
  if (owner) out.owner = owner;
  if (edits) out.edits = edits;
  return out;
}
