// From a workspace's project to a published share: what would be sent (the selection and the secret check, for the
// dialog to show), then publishing it — a new share, or the next version of the one this project already publishes
// to — and remembering it in this browser (owned.ts).
import type { FileNode } from "@/lib/project";
import type { Recording } from "@/lib/agent/recording";
import { shareApi, ShareApiError, type ShareApi } from "./api";
import { forgetShare, rememberShare, shareOfProject, type OwnedShare } from "./owned";
import { publish, type PublishFile, type PublishStats } from "./publish";
import { generateSealKey, importSealKey } from "./sealed";
import { scanForSecrets, type SecretFinding } from "./secrets";
import { exclusionGroups, selectFiles, type ExclusionReason } from "./select";

export interface ShareChoices {
  /** Excluded groups (node_modules, dist, .env…) the person chose to send anyway. */
  includeGroups: ReadonlySet<string>;
  /** Files with likely secrets the person chose to send anyway. */
  includeSecrets: ReadonlySet<string>;
}

export interface SharePlan {
  files: PublishFile[];
  dirs: string[];
  bytes: number;
  excludedGroups: Array<{ group: string; reason: ExclusionReason; count: number; included: boolean }>;
  /** Likely secrets in files that would otherwise be sent, or in excluded environment files. */
  findings: SecretFinding[];
  /** Files held back because of a finding (and not included by the person). */
  heldBack: string[];
}

export function planShare(nodes: readonly FileNode[], dirs: readonly string[], choices: ShareChoices): SharePlan {
  const byPath = new Map(nodes.map((n) => [n.path, n]));
  const all = selectFiles(byPath.keys());
  const chosen = selectFiles(byPath.keys(), choices.includeGroups);
  const findings = scanForSecrets(chosen.included.map((p) => [p, byPath.get(p)!.content] as const));
  // Environment files are already left out; the check still names them so the person sees why.
  for (const e of all.excluded) if (e.reason === "environment" && !chosen.included.includes(e.path)) findings.push({ path: e.path, line: 0, kind: "environment file", preview: "" });
  const suspicious = new Set(findings.map((f) => f.path));
  const heldBack = chosen.included.filter((p) => suspicious.has(p) && !choices.includeSecrets.has(p));
  const held = new Set(heldBack);
  const files = chosen.included.filter((p) => !held.has(p)).map((path) => ({ path, content: byPath.get(path)!.content }));
  const included = new Set(chosen.included);
  return {
    files,
    dirs: dirs.filter((d) => selectFiles([`${d}/x`], choices.includeGroups).included.length > 0),
    bytes: files.reduce((n, f) => n + (typeof f.content === "string" ? new TextEncoder().encode(f.content).byteLength : f.content.byteLength), 0),
    excludedGroups: exclusionGroups(all.excluded).filter((g) => g.reason !== "environment").map((g) => ({ ...g, included: choices.includeGroups.has(g.group) || all.excluded.some((e) => e.group === g.group && included.has(e.path)) })),
    findings: findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line)),
    heldBack,
  };
}

export interface ProjectShareInput {
  projectId: string;
  plan: Pick<SharePlan, "files" | "dirs">;
  title: string;
  description?: string;
  message?: string;
  recording?: Recording;
  /** A new share only: end-to-end encrypt it (later versions follow the share). */
  encrypt?: boolean;
  kind: OwnedShare["kind"];
  /** The share this project was forked from (carried into its own shares: a fork tree). */
  forkedFrom?: { share: string; version: number };
  api?: ShareApi;
}

export interface ProjectShareResult {
  owned: OwnedShare;
  version: number;
  stats: PublishStats;
}

export async function publishProject(input: ProjectShareInput): Promise<ProjectShareResult> {
  const api = input.api ?? shareApi();
  const existing = shareOfProject(input.projectId, input.kind);
  const key = existing?.key ? await importSealKey(existing.key) : input.encrypt ? await generateSealKey() : null;
  if (existing?.key && !key) throw new ShareApiError(400, "bad-key", "This browser's key for the share is damaged; publish as a new share.");
  const common = {
    files: input.plan.files,
    dirs: input.plan.dirs,
    title: input.title,
    description: input.description ?? "",
    message: input.message ?? "",
    visibility: input.kind === "cloud" ? ("private" as const) : ("unlisted" as const),
    ...(input.recording ? { recording: input.recording } : {}),
    ...(key ? { key } : {}),
  };
  let published;
  try {
    published = existing
      ? await publish(api, { ...common, target: { id: existing.id, ownerSecret: existing.secret, base: existing.latestVersion } })
      : await publish(api, { ...common, ...(input.forkedFrom ? { forkedFrom: input.forkedFrom } : {}) });
  } catch (error) {
    // Unpublished elsewhere (another browser with the manage link): this browser's note of it is stale.
    if (existing && error instanceof ShareApiError && error.code === "gone") forgetShare(existing.id);
    throw error;
  }
  const now = Date.now();
  const owned: OwnedShare = {
    id: published.result.id,
    secret: existing?.secret ?? published.result.ownerSecret!,
    kind: input.kind,
    title: input.title,
    projectId: input.projectId,
    ...(key ? { key: key.text } : {}),
    latestVersion: published.result.version,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  rememberShare(owned);
  return { owned, version: published.result.version, stats: published.stats };
}
