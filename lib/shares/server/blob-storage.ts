// Server only. Where blob bytes live, behind one small interface: the database by default (a bytea table beside the
// metadata), so one server needs nothing else; an object store can take over when one server's disk is outgrown,
// while the metadata (which blobs exist, their sizes, who refers to them) stays in PostgreSQL.
import type { Frame } from "../frames";
import type { SharesDb } from "./db";

export interface BlobStorage {
  /** Stores new blobs, inside the metadata transaction `tx` (an object store writes at once; a failed commit leaves
   * only unreachable objects). Blobs arrive already checked against their hashes. */
  put(frames: readonly Frame[], tx: SharesDb): Promise<void>;
  /** The bytes of each blob found (a missing one is absent from the map: the caller reports it as corrupted). Inside a
   * transaction, pass it: embedded PGlite has one connection, which the transaction holds. */
  get(hashes: readonly string[], tx?: SharesDb): Promise<Map<string, Uint8Array>>;
  /** Drops blobs whose metadata `tx` is deleting. */
  delete(hashes: readonly string[], tx: SharesDb): Promise<void>;
}

/** Bytes in tandem_share_blob_data; deleting the metadata row deletes them too (ON DELETE CASCADE). */
export function databaseBlobStorage(db: SharesDb): BlobStorage {
  return {
    async put(frames, tx) {
      if (!frames.length) return;
      // Batches keep one statement's parameters well under PostgreSQL's limit (and its memory reasonable).
      for (let i = 0; i < frames.length; i += 200)
        await tx
          .insertInto("tandem_share_blob_data")
          .values(frames.slice(i, i + 200).map((f) => ({ hash: f.hash, data: f.bytes })))
          .onConflict((c) => c.column("hash").doNothing())
          .execute();
    },
    async get(hashes, tx) {
      const out = new Map<string, Uint8Array>();
      for (let i = 0; i < hashes.length; i += 1000) {
        const rows = await (tx ?? db).selectFrom("tandem_share_blob_data").select(["hash", "data"]).where("hash", "in", hashes.slice(i, i + 1000)).execute();
        for (const r of rows) out.set(r.hash, r.data);
      }
      return out;
    },
    async delete() {
      // The cascade did it.
    },
  };
}

/** For tests, and a sketch of what an object store does: bytes outside the database. */
export function memoryBlobStorage(): BlobStorage & { readonly size: number; tamper(hash: string, bytes: Uint8Array): void } {
  const blobs = new Map<string, Uint8Array>();
  return {
    async put(frames) {
      for (const f of frames) blobs.set(f.hash, f.bytes.slice());
    },
    async get(hashes) {
      const out = new Map<string, Uint8Array>();
      for (const h of hashes) {
        const b = blobs.get(h);
        if (b) out.set(h, b);
      }
      return out;
    },
    async delete(hashes) {
      for (const h of hashes) blobs.delete(h);
    },
    get size() {
      return blobs.size;
    },
    tamper(hash, bytes) {
      blobs.set(hash, bytes);
    },
  };
}
