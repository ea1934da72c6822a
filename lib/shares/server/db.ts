// Server only. The shares database through Kysely: embedded PGlite (the default, in TANDEM_DATA_DIR/shares) or
// PostgreSQL (DATABASE_URL) with the same schema, migrated on open. Engines are imported lazily so the one not in use
// never loads.
import { Kysely, PGliteDialect, PostgresDialect } from "kysely";
import { Migrator } from "kysely/migration";
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, migrationProvider, type SharesDatabase } from "./schema";

export type SharesDb = Kysely<SharesDatabase>;

export interface OpenedDatabase {
  db: SharesDb;
  /** Other processes may use the same database (PostgreSQL), or none can (PGlite). */
  shared: boolean;
}

/** No dataDir: in memory (tests). */
export async function openPglite(dataDir?: string): Promise<OpenedDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const db = new Kysely<SharesDatabase>({ dialect: new PGliteDialect({ pglite }) });
  await migrate(db);
  return { db, shared: false };
}

/** `schema`: a PostgreSQL schema to live in (tests use a fresh one each, so parallel runs never meet). */
export async function openPostgres(connectionString: string, options: { schema?: string; max?: number } = {}): Promise<OpenedDatabase> {
  const { default: pg } = await import("pg");
  if (options.schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error("schema: lower-case letters, digits and _ only");
  if (options.schema) {
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<SharesDatabase>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, options.schema);
  return { db, shared: true };
}

async function migrate(db: SharesDb, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`The shares database could not be migrated${failed ? ` (${failed})` : ""}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
