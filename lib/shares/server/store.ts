// Server only. The share store: content-addressed blobs, manifests, versions and shares, with the owner capability
// (a secret only its hash of which is kept), limits, and garbage collection. Every publish is one transaction; every
// answer is a value (ShareResult), never an exception a route has to guess about.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import type { Frame } from "../frames";
import type { CreateShareRequest, PublishResult, ShareInfo, VersionInput, Visibility } from "../protocol";
import { createShareRequest, versionInput } from "../protocol";
import type { BlobStorage } from "./blob-storage";
import type { ShareConfig } from "./config";
import type { SharesDb } from "./db";
import { formatBytes, refuse, success, type ShareResult } from "./errors";
import { buildVersionManifest, checkRecording, isForeignKeyViolation, sha256 } from "./version-builder";

/** Publishes per client per hour (lib/server/limits' counters); null: go on, else the seconds to wait. */
export interface PublishCounter {
  take(client: string): Promise<number | null>;
}

export const NO_COUNTER: PublishCounter = { take: async () => null };

/** Who is asking. Today: the owner secret a browser keeps; an account could stand here later. */
export interface Requester {
  client: string;
  ownerSecret?: string | undefined;
}

/** A version resolved for opening: enough to answer cheaply from a cache (its id never changes meaning). */
export interface ResolvedVersion {
  shareId: string;
  versionId: string;
  number: number;
  encrypted: boolean;
  visibility: Visibility;
  manifestHash: string;
  recordingHash: string | null;
}

export interface OpenedVersion extends ResolvedVersion {
  manifest: Uint8Array;
  /** Every blob the version needs (files, recording), each checked against its hash. */
  blobs: Frame[];
}

export interface GcResult {
  manifests: number;
  blobs: number;
  bytes: number;
}

const newId = () => randomBytes(16).toString("base64url");

export class ShareStore {
  constructor(
    private readonly db: SharesDb,
    private readonly storage: BlobStorage,
    private readonly config: ShareConfig,
    private readonly publishes: PublishCounter = NO_COUNTER,
  ) {}

  /** Which of these blobs the server does not have (what a publish must upload). */
  async missing(hashes: readonly string[]): Promise<string[]> {
    const unique = [...new Set(hashes)];
    const have = new Set<string>();
    for (let i = 0; i < unique.length; i += 1000) {
      const rows = await this.db.selectFrom("tandem_share_blobs").select("hash").where("hash", "in", unique.slice(i, i + 1000)).execute();
      for (const r of rows) have.add(r.hash);
    }
    return unique.filter((h) => !have.has(h));
  }

  /** Stores uploaded blobs after checking each against its hash and the size limits and quota. */
  async putBlobs(frames: readonly Frame[]): Promise<ShareResult<{ stored: number; bytes: number }>> {
    const unique = new Map<string, Frame>();
    for (const f of frames) {
      if (f.bytes.byteLength > this.config.maxBlobBytes)
        return refuse("too-large", `A file of ${formatBytes(f.bytes.byteLength)} is larger than a share takes (${formatBytes(this.config.maxBlobBytes)} per file).`);
      if (sha256(f.bytes) !== f.hash) return refuse("invalid", `A blob's content does not match its name (${f.hash.slice(0, 12)}…); nothing was stored.`);
      unique.set(f.hash, f);
    }
    if (!unique.size) return success({ stored: 0, bytes: 0 });
    // The quota is checked against everything in the body (a browser sends only what it was told is missing).
    const incoming = [...unique.values()].reduce((n, f) => n + f.bytes.byteLength, 0);
    const used = await this.usedBytes();
    if (used + incoming > this.config.quotaBytes)
      return refuse("quota", `This server's storage for shares is full (${formatBytes(this.config.quotaBytes)}); nothing was stored. Ask its operator to raise TANDEM_SHARE_QUOTA_MB or remove old shares.`);
    const stored = await this.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto("tandem_share_blobs")
        .values([...unique.values()].map((f) => ({ hash: f.hash, size: f.bytes.byteLength })))
        .onConflict((c) => c.column("hash").doNothing())
        .returning("hash")
        .execute();
      const fresh = inserted.map((r) => unique.get(r.hash)!);
      await this.storage.put(fresh, tx);
      return fresh;
    });
    return success({ stored: stored.length, bytes: stored.reduce((n, f) => n + f.bytes.byteLength, 0) });
  }

  async usedBytes(): Promise<number> {
    const row = await this.db.selectFrom("tandem_share_blobs").select(sql<string>`COALESCE(SUM(size), 0)`.as("total")).executeTakeFirst();
    return Number(row?.total ?? 0);
  }

  /** A new share with its first version. The owner secret is in the answer and nowhere else. */
  async create(input: CreateShareRequest, who: Requester): Promise<ShareResult<PublishResult>> {
    const parsed = createShareRequest.safeParse(input);
    if (!parsed.success) return refuse("invalid", parsed.error.issues[0]?.message ?? "The share request is not valid.");
    const req = parsed.data;
    const limited = await this.rate(who.client);
    if (limited) return limited;
    const encrypted = req.version.files.kind === "sealed";
    const secret = randomBytes(32).toString("base64url");
    return this.retryingTransaction(async (tx) => {
      let forked: { id: string; share: string; number: number } | null = null;
      if (req.forkedFrom) {
        const origin = await tx
          .selectFrom("tandem_share_versions as v")
          .innerJoin("tandem_shares as s", "s.id", "v.share_id")
          .select(["v.id", "s.id as share", "v.number"])
          .where("s.id", "=", req.forkedFrom.share)
          .where("v.number", "=", req.forkedFrom.version)
          .executeTakeFirst();
        // An origin that is gone (or never existed) is remembered by name only.
        forked = origin ?? null;
      }
      const id = newId();
      await tx
        .insertInto("tandem_shares")
        .values({
          id,
          owner_hash: sha256(Buffer.from(secret)),
          visibility: req.visibility,
          encrypted,
          // An encrypted share's title is inside its manifest: the server never sees it.
          title: encrypted ? "" : req.title,
          description: encrypted ? "" : req.description,
          forked_from_version: forked?.id ?? null,
          forked_from_share: req.forkedFrom?.share ?? null,
          forked_from_number: req.forkedFrom?.version ?? null,
          client: who.client,
        })
        .execute();
      const version = await this.insertVersion(tx, { id, encrypted }, req.version, null);
      if (!version.ok) return version;
      return success({ id, version: version.value, ownerSecret: secret });
    });
  }

  /** Publishing again: a new version on top of the latest. */
  async addVersion(shareId: string, input: VersionInput, who: Requester): Promise<ShareResult<PublishResult>> {
    const parsed = versionInput.safeParse(input);
    if (!parsed.success) return refuse("invalid", parsed.error.issues[0]?.message ?? "The version is not valid.");
    const limited = await this.rate(who.client);
    if (limited) return limited;
    return this.retryingTransaction(async (tx) => {
      // The row lock orders concurrent publishes to one share: each gets its own number.
      const share = await tx.selectFrom("tandem_shares").selectAll().where("id", "=", shareId).forUpdate().executeTakeFirst();
      const allowed = this.authorize(share, who, true);
      if (!allowed.ok) return allowed;
      const latest = await tx.selectFrom("tandem_share_versions").select(["id", "number"]).where("share_id", "=", shareId).orderBy("number", "desc").limit(1).executeTakeFirst();
      const version = await this.insertVersion(tx, { id: shareId, encrypted: share!.encrypted }, parsed.data, latest ?? null);
      if (!version.ok) return version;
      await tx.updateTable("tandem_shares").set({ updated_at: new Date() }).where("id", "=", shareId).execute();
      return success({ id: shareId, version: version.value });
    });
  }

  private async insertVersion(
    tx: SharesDb,
    share: { id: string; encrypted: boolean },
    input: ReturnType<typeof versionInput.parse>,
    parent: { id: string; number: number } | null,
  ): Promise<ShareResult<number>> {
    const ctx = { tx, config: this.config, storage: this.storage, shareId: parent ? share.id : null, encrypted: share.encrypted };
    const manifest = await buildVersionManifest(ctx, input.files);
    if (!manifest.ok) return manifest;
    if (input.recording) {
      const rec = await checkRecording(ctx, input.recording);
      if (!rec.ok) return rec;
    }
    const number = (parent?.number ?? 0) + 1;
    await tx
      .insertInto("tandem_share_versions")
      .values({
        id: newId(),
        share_id: share.id,
        number,
        parent_id: parent?.id ?? null,
        manifest_hash: manifest.value.hash,
        recording_hash: input.recording ?? null,
        message: share.encrypted ? "" : input.message,
      })
      .execute();
    return success(number);
  }

  /** A share's details and versions, for its owner or (unless private) anyone with the link. */
  async info(shareId: string, who: Requester): Promise<ShareResult<ShareInfo>> {
    const share = await this.db.selectFrom("tandem_shares").selectAll().where("id", "=", shareId).executeTakeFirst();
    const allowed = this.authorize(share, who, false);
    if (!allowed.ok) return allowed;
    const s = share!;
    const versions = await this.db
      .selectFrom("tandem_share_versions as v")
      .innerJoin("tandem_share_manifests as m", "m.hash", "v.manifest_hash")
      .select(["v.number", "v.message", "v.created_at", "v.recording_hash", "m.file_count", "m.total_bytes"])
      .where("v.share_id", "=", shareId)
      .orderBy("v.number")
      .execute();
    let forkedFrom: ShareInfo["forkedFrom"] = null;
    if (s.forked_from_share && s.forked_from_number) {
      const origin = s.forked_from_version
        ? await this.db.selectFrom("tandem_shares").select("title").where("id", "=", s.forked_from_share).where("deleted_at", "is", null).executeTakeFirst()
        : undefined;
      forkedFrom = { share: s.forked_from_share, version: s.forked_from_number, title: origin?.title ?? "", available: origin !== undefined };
    }
    return success({
      id: s.id,
      title: s.title,
      description: s.description,
      visibility: s.visibility as Visibility,
      encrypted: s.encrypted,
      createdAt: new Date(s.created_at).toISOString(),
      updatedAt: new Date(s.updated_at).toISOString(),
      forkedFrom,
      versions: versions.map((v) => ({
        number: v.number,
        message: v.message,
        createdAt: new Date(v.created_at).toISOString(),
        fileCount: v.file_count,
        bytes: Number(v.total_bytes),
        hasRecording: v.recording_hash !== null,
      })),
    });
  }

  /** The version to open (`latest` or a number), checked against visibility: one indexed query, on every open. */
  async resolve(shareId: string, number: number | "latest", who: Requester): Promise<ShareResult<ResolvedVersion>> {
    let query = this.db
      .selectFrom("tandem_shares as s")
      .leftJoin("tandem_share_versions as v", "v.share_id", "s.id")
      .select(["s.owner_hash", "s.visibility", "s.deleted_at", "s.encrypted", "v.id as version_id", "v.number", "v.manifest_hash", "v.recording_hash"])
      .where("s.id", "=", shareId);
    query = number === "latest" ? query.orderBy("v.number", "desc").limit(1) : query.where((eb) => eb.or([eb("v.number", "=", number), eb("v.number", "is", null)])).limit(1);
    let row = await query.executeTakeFirst();
    // A share whose asked-for version does not exist still needs its row for a clear answer.
    if (!row && number !== "latest") row = await this.db.selectFrom("tandem_shares as s").select(["s.owner_hash", "s.visibility", "s.deleted_at", "s.encrypted"]).where("s.id", "=", shareId).executeTakeFirst() as typeof row;
    const allowed = this.authorize(row, who, false);
    if (!allowed.ok) return allowed;
    const v = row!;
    if (!v.version_id || v.number === null || !v.manifest_hash)
      return refuse("not-found", number === "latest" ? "This share has no versions." : `This share has no version ${number}.`);
    return success({
      shareId,
      versionId: v.version_id,
      number: v.number,
      encrypted: v.encrypted,
      visibility: v.visibility as Visibility,
      manifestHash: v.manifest_hash,
      recordingHash: v.recording_hash,
    });
  }

  /** A version's manifest bytes (canonical JSON, or ciphertext). */
  async manifest(version: ResolvedVersion): Promise<ShareResult<Uint8Array>> {
    const row = await this.db.selectFrom("tandem_share_manifests").select("body").where("hash", "=", version.manifestHash).executeTakeFirst();
    if (!row || sha256(row.body) !== version.manifestHash) return refuse("corrupted", "This version's file list is damaged on the server, so it is not served.");
    return success(row.body);
  }

  /** Everything a viewer needs to run a version. A blob whose bytes no longer match its hash fails the whole open. */
  async open(version: ResolvedVersion): Promise<ShareResult<OpenedVersion>> {
    const manifest = await this.manifest(version);
    if (!manifest.ok) return manifest;
    const refs = await this.db.selectFrom("tandem_share_manifest_blobs").select("blob_hash").where("manifest_hash", "=", version.manifestHash).execute();
    const hashes = refs.map((r) => r.blob_hash);
    if (version.recordingHash && !hashes.includes(version.recordingHash)) hashes.push(version.recordingHash);
    const bytes = await this.storage.get(hashes);
    const blobs: Frame[] = [];
    for (const hash of hashes) {
      const b = bytes.get(hash);
      if (!b || sha256(b) !== hash)
        return refuse("corrupted", "A file of this version is damaged or missing on the server (its content no longer matches its hash), so the version is not served.");
      blobs.push({ hash, bytes: b });
    }
    return success({ ...version, manifest: manifest.value, blobs });
  }

  /** Unpublish: the versions go at once, the id answers "unpublished" from now on, unreferenced blobs are collected. */
  async unpublish(shareId: string, who: Requester): Promise<ShareResult<GcResult>> {
    const done = await this.db.transaction().execute(async (tx) => {
      const share = await tx.selectFrom("tandem_shares").selectAll().where("id", "=", shareId).forUpdate().executeTakeFirst();
      const allowed = this.authorize(share, who, true);
      if (!allowed.ok) return allowed;
      await tx.deleteFrom("tandem_share_versions").where("share_id", "=", shareId).execute();
      await tx.updateTable("tandem_shares").set({ deleted_at: new Date(), title: "", description: "", updated_at: new Date() }).where("id", "=", shareId).execute();
      return success(null);
    });
    if (!done.ok) return done;
    return success(await this.collectGarbage());
  }

  /**
   * Removes manifests no version uses, then blobs nothing refers to: at once for blobs that were referred to before,
   * after the upload grace for blobs never referred to (a publish may be between its upload and its commit).
   */
  async collectGarbage(graceMs = this.config.uploadGraceMs): Promise<GcResult> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const manifests = await tx
          .deleteFrom("tandem_share_manifests as m")
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom("tandem_share_versions as v").select("v.id").whereRef("v.manifest_hash", "=", "m.hash"))))
          .returning("m.hash")
          .execute();
        const cutoff = new Date(Date.now() - graceMs);
        const blobs = await tx
          .deleteFrom("tandem_share_blobs as b")
          .where(({ and, or, not, exists, selectFrom, eb }) =>
            and([
              not(exists(selectFrom("tandem_share_manifest_blobs as r").select("r.blob_hash").whereRef("r.blob_hash", "=", "b.hash"))),
              not(exists(selectFrom("tandem_share_versions as v").select("v.id").whereRef("v.recording_hash", "=", "b.hash"))),
              or([eb("b.referenced", "=", true), eb("b.created_at", "<", cutoff)]),
            ]),
          )
          .returning(["b.hash", "b.size"])
          .execute();
        await this.storage.delete(blobs.map((b) => b.hash), tx);
        return { manifests: manifests.length, blobs: blobs.length, bytes: blobs.reduce((n, b) => n + Number(b.size), 0) };
      });
    } catch (error) {
      // A publish took a blob or manifest while we looked: nothing is lost, the next collection gets the rest.
      if (isForeignKeyViolation(error)) return { manifests: 0, blobs: 0, bytes: 0 };
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  private async rate(client: string): Promise<{ ok: false; error: { code: "rate-limited"; message: string; retryAfter: number } } | null> {
    const wait = await this.publishes.take(client);
    if (wait === null) return null;
    const minutes = Math.max(1, Math.ceil(wait / 60));
    return {
      ok: false,
      error: {
        code: "rate-limited",
        message: `You have published ${this.config.publishesPerHour} times in the last hour, as many as this server allows; try again in ${minutes} min.`,
        retryAfter: wait,
      },
    };
  }

  /** Exists, not unpublished, and the requester may see it (private: owner only) or manage it (always owner only). */
  private authorize(share: { owner_hash: string; visibility: string; deleted_at: Date | null } | undefined, who: Requester, manage: boolean): ShareResult<null> {
    if (!share) return refuse("not-found", "There is no share at this address. Check the link (it may be cut off).");
    if (share.deleted_at) return refuse("gone", "This share was unpublished by its owner.");
    if (!manage && share.visibility !== "private") return success(null);
    const owner = who.ownerSecret !== undefined && sameHash(sha256(Buffer.from(who.ownerSecret)), share.owner_hash);
    if (owner) return success(null);
    return refuse(
      "forbidden",
      manage ? "Only the share's owner can change it: open its manage link in this browser first." : "This share is private: only its owner can open it (with its manage link).",
    );
  }

  /** One retry when a concurrent garbage collection took a row the publish needed (the retry re-checks everything). */
  private async retryingTransaction<T>(fn: (tx: SharesDb) => Promise<ShareResult<T>>): Promise<ShareResult<T>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (tx) => {
          const result = await fn(tx);
          // A refused publish writes nothing: throwing rolls the transaction back.
          if (!result.ok) throw new Refused(result);
          return result;
        });
      } catch (error) {
        if (error instanceof Refused) return error.result as ShareResult<T>;
        if (attempt === 0 && isForeignKeyViolation(error)) continue;
        throw error;
      }
    }
  }
}

class Refused {
  constructor(readonly result: ShareResult<unknown>) {}
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
