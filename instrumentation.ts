// Next calls register() once when a server process starts. The share store's database (embedded PGlite takes
// seconds to start its WebAssembly Postgres and migrate) opens then, not on the first person's first publish.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ serverConfig }, { sharesFromEnv }] = await Promise.all([import("@/lib/server/config"), import("@/lib/shares/server/index")]);
  // Not awaited: the server answers at once; the first share request waits for this same start.
  void sharesFromEnv(serverConfig()).catch((error: unknown) => console.error("share store could not start:", error instanceof Error ? error.message : error));
}
