// Server only. The shares tables as Kysely types, and the migrations that create them (Kysely's Migrator: one lock,
// so app instances starting together on one PostgreSQL migrate once). Names start with tandem_share so they sit
// beside other stores in one database; the migration bookkeeping has its own tables for the same reason.
import { sql, type ColumnType, type Generated, type Kysely } from "kysely";
import type { Migration, MigrationProvider } from "kysely/migration";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface BlobsTable {
  /** SHA-256 of the bytes, hex. */
  hash: string;
  size: number;
  created_at: Timestamp;
  /** Set once a manifest or version refers to it: blobs never referred to are kept a grace period (uploads in flight). */
  referenced: Generated<boolean>;
}

/** The database's blob storage (the default; lib/shares/server/blob-storage.ts). */
export interface BlobDataTable {
  hash: string;
  data: Uint8Array;
}

export interface ManifestsTable {
  hash: string;
  /** Canonical JSON (lib/shares/manifest.ts), or ciphertext for an encrypted share. */
  body: Uint8Array;
  encrypted: boolean;
  file_count: number | null;
  total_bytes: number;
  created_at: Timestamp;
}

export interface ManifestBlobsTable {
  manifest_hash: string;
  blob_hash: string;
}

export interface SharesTable {
  id: string;
  /** SHA-256 of the owner secret (the secret itself is never stored). */
  owner_hash: string;
  visibility: string;
  encrypted: boolean;
  title: string;
  description: string;
  forked_from_version: string | null;
  /** Kept when the origin goes, so a fork can still say where it came from. */
  forked_from_share: string | null;
  forked_from_number: number | null;
  client: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Unpublished: the versions are gone, the id stays taken and answers "unpublished". */
  deleted_at: Date | null;
}

export interface VersionsTable {
  id: string;
  share_id: string;
  number: number;
  parent_id: string | null;
  manifest_hash: string;
  recording_hash: string | null;
  message: string;
  created_at: Timestamp;
}

export interface SharesDatabase {
  tandem_share_blobs: BlobsTable;
  tandem_share_blob_data: BlobDataTable;
  tandem_share_manifests: ManifestsTable;
  tandem_share_manifest_blobs: ManifestBlobsTable;
  tandem_shares: SharesTable;
  tandem_share_versions: VersionsTable;
}

export const MIGRATION_TABLE = "tandem_share_migrations";
export const MIGRATION_LOCK_TABLE = "tandem_share_migrations_lock";

// Migrations take Kysely<any> (Kysely's own signature): a migration must not depend on today's types.
const migrations: Record<string, Migration> = {
  "0001-shares": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("tandem_share_blobs")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("size", "integer", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("referenced", "boolean", (c) => c.notNull().defaultTo(false))
        .execute();
      await db.schema
        .createTable("tandem_share_blob_data")
        .addColumn("hash", "text", (c) => c.primaryKey().references("tandem_share_blobs.hash").onDelete("cascade"))
        .addColumn("data", "bytea", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("tandem_share_manifests")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("body", "bytea", (c) => c.notNull())
        .addColumn("encrypted", "boolean", (c) => c.notNull())
        .addColumn("file_count", "integer")
        .addColumn("total_bytes", "bigint", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable("tandem_share_manifest_blobs")
        .addColumn("manifest_hash", "text", (c) => c.notNull().references("tandem_share_manifests.hash").onDelete("cascade"))
        // No cascade: a blob a manifest needs cannot be deleted (garbage collection skips it).
        .addColumn("blob_hash", "text", (c) => c.notNull().references("tandem_share_blobs.hash"))
        .addPrimaryKeyConstraint("tandem_share_manifest_blobs_pk", ["manifest_hash", "blob_hash"])
        .execute();
      await db.schema.createIndex("tandem_share_manifest_blobs_blob").on("tandem_share_manifest_blobs").column("blob_hash").execute();
      await db.schema
        .createTable("tandem_shares")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("owner_hash", "text", (c) => c.notNull())
        .addColumn("visibility", "text", (c) => c.notNull().check(sql`visibility IN ('unlisted', 'private')`))
        .addColumn("encrypted", "boolean", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("forked_from_version", "text")
        .addColumn("forked_from_share", "text")
        .addColumn("forked_from_number", "integer")
        .addColumn("client", "text", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("deleted_at", "timestamptz")
        .execute();
      await db.schema
        .createTable("tandem_share_versions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("share_id", "text", (c) => c.notNull().references("tandem_shares.id").onDelete("cascade"))
        .addColumn("number", "integer", (c) => c.notNull())
        .addColumn("parent_id", "text", (c) => c.references("tandem_share_versions.id").onDelete("set null"))
        .addColumn("manifest_hash", "text", (c) => c.notNull().references("tandem_share_manifests.hash"))
        .addColumn("recording_hash", "text", (c) => c.references("tandem_share_blobs.hash"))
        .addColumn("message", "text", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint("tandem_share_versions_number", ["share_id", "number"])
        .execute();
      await db.schema.createIndex("tandem_share_versions_manifest").on("tandem_share_versions").column("manifest_hash").execute();
      await db.schema.createIndex("tandem_share_versions_recording").on("tandem_share_versions").column("recording_hash").execute();
      // A fork points at the version it came from; unpublishing that share leaves the fork, minus the link.
      await db.schema
        .alterTable("tandem_shares")
        .addForeignKeyConstraint("tandem_shares_forked_from", ["forked_from_version"], "tandem_share_versions", ["id"], (c) => c.onDelete("set null"))
        .execute();
      await db.schema.createIndex("tandem_shares_client_created").on("tandem_shares").columns(["client", "created_at"]).execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
