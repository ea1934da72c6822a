// The shares API as data: request bodies (parsed by the routes, built by the browser) and answers. Pure zod, shared
// by lib/shares/server and lib/shares/client.
import { z } from "zod";
import { isHash } from "./hash";
import { manifestEntry } from "./manifest";

/** Share ids are 128 random bits, base64url (22 characters). */
export const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const shareId = z.string().regex(SHARE_ID_PATTERN, "not a share id");
export const hash = z.string().refine(isHash, "not a SHA-256 hex digest");
/** Text the database stores: PostgreSQL text cannot hold NUL. */
const text = (max: number) => z.string().max(max).refine((s) => !s.includes("\0"), "contains a NUL character");

/** Where owner requests carry the owner secret (never a cookie, so no other site can make a browser send it). */
export const OWNER_HEADER = "x-tandem-owner";

/** Who may open it: anyone with the link, or only the owner (a project kept in the cloud). */
export const visibility = z.enum(["unlisted", "private"]);
export type Visibility = z.infer<typeof visibility>;

export const missingRequest = z.object({ hashes: z.array(hash).max(20_000) });
export type MissingRequest = z.infer<typeof missingRequest>;

const filesFull = z.object({ kind: z.literal("full"), files: z.array(manifestEntry).max(100_000), dirs: z.array(z.string()).max(100_000) });
/** Changes against version `base` of the same share: what a re-publish sends. */
const filesDelta = z.object({
  kind: z.literal("delta"),
  base: z.number().int().min(1),
  set: z.array(manifestEntry).max(100_000),
  remove: z.array(z.string()).max(100_000),
  dirs: z.array(z.string()).max(100_000),
});
/**
 * An end-to-end encrypted version: the manifest (names, sizes, title, message — see lib/shares/client/sealed.ts) is
 * ciphertext the server cannot read, so the browser lists the blobs it references and their total size itself.
 */
const filesSealed = z.object({
  kind: z.literal("sealed"),
  manifest: z.base64().max(8 * 1024 * 1024),
  blobs: z.array(hash).max(100_000),
});
export const versionFiles = z.discriminatedUnion("kind", [filesFull, filesDelta, filesSealed]);
export type VersionFiles = z.infer<typeof versionFiles>;

export const versionInput = z.object({
  message: text(500).default(""),
  files: versionFiles,
  /** A session recording (tandem.session/1, or its ciphertext) uploaded as a blob. */
  recording: hash.optional(),
});
export type VersionInput = z.input<typeof versionInput>;

export const forkedFrom = z.object({ share: shareId, version: z.number().int().min(1) });

export const createShareRequest = z.object({
  title: text(120).transform((s) => s.trim()).default(""),
  description: text(2000).transform((s) => s.trim()).default(""),
  visibility: visibility.default("unlisted"),
  forkedFrom: forkedFrom.optional(),
  version: versionInput,
});
export type CreateShareRequest = z.input<typeof createShareRequest>;

export const addVersionRequest = versionInput;

export interface VersionSummary {
  number: number;
  message: string;
  createdAt: string;
  fileCount: number | null;
  bytes: number;
  hasRecording: boolean;
}

export interface ShareInfo {
  id: string;
  title: string;
  description: string;
  visibility: Visibility;
  encrypted: boolean;
  createdAt: string;
  updatedAt: string;
  /** The version this share was forked from; `available` is false once that share is unpublished. */
  forkedFrom: { share: string; version: number; title: string; available: boolean } | null;
  versions: VersionSummary[];
}

export interface PublishResult {
  id: string;
  version: number;
  /** Only when the share was just created: the one copy of the secret that manages it. */
  ownerSecret?: string;
}

/** What the one-download open of a version carries in its frames' `meta`. */
export const bundleMeta = z.object({
  share: z.string(),
  version: z.number().int(),
  manifest: hash,
  recording: hash.nullable(),
  encrypted: z.boolean(),
});
export type BundleMeta = z.infer<typeof bundleMeta>;

/** /s/[id] and /s/[id]/v/[n] (also /embed/…): the page's route parameters. */
export const sharePageParams = z.object({
  id: shareId,
  n: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, "not a version number")
    .transform(Number)
    .optional(),
});
