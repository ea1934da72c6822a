// Two real app instances (scripts/ide-server.mjs: Next behind Tandem's edge) on one PostgreSQL serve each other's
// shares: publish through one, open and publish again through the other, unpublish through one and the other stops
// serving it at once. Each run gets its own PostgreSQL schema (through search_path in DATABASE_URL).
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { shareApi, shareInfo, unpublishShare } from "../lib/shares/client/api";
import { openVersion } from "../lib/shares/client/open";
import { publish } from "../lib/shares/client/publish";
import { baseURL } from "../playwright.config";
import { expect, test } from "./support/fixtures";

const pgUrl = process.env.TANDEM_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const port = Number(new URL(baseURL).port);

function startInstance(instancePort: number, databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["scripts/ide-server.mjs"], {
    env: { ...process.env, PORT: String(instancePort), HOST: "127.0.0.1", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes("ready:")) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += String(chunk)));
    child.on("exit", (code) => reject(new Error(`instance on ${instancePort} exited (${code}): ${output}`)));
  });
}

test.skip(pgUrl === "skip", "needs PostgreSQL");

test("two app instances on one PostgreSQL serve each other's shares", async () => {
  test.setTimeout(120_000);
  const schema = `shares_e2e_${port}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(pgUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const instances = await Promise.all([startInstance(port + 10, url.href), startInstance(port + 11, url.href)]);
  try {
    const a = shareApi({ base: `http://127.0.0.1:${port + 10}` });
    const b = shareApi({ base: `http://127.0.0.1:${port + 11}` });
    const { result } = await publish(a, { files: [{ path: "index.js", content: "console.log('A')" }], title: "Across instances" });
    expect((await openVersion(b, result.id, 1)).files).toEqual([["index.js", "console.log('A')"]]);
    await publish(b, { files: [{ path: "index.js", content: "console.log('B')" }], message: "from B", target: { id: result.id, ownerSecret: result.ownerSecret!, base: 1 } });
    expect((await openVersion(a, result.id, 2)).files).toEqual([["index.js", "console.log('B')"]]);
    expect((await shareInfo(a, result.id)).versions.map((v) => v.message)).toEqual(["", "from B"]);

    // Through the real edge and Next: immutable, with an ETag that revalidates.
    const first = await fetch(`${a.base}/api/shares/${result.id}/v/2`);
    expect(first.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const again = await fetch(`${b.base}/api/shares/${result.id}/v/2`, { headers: { "if-none-match": first.headers.get("etag")! } });
    expect(again.status).toBe(304);

    await unpublishShare(b, result.id, result.ownerSecret!);
    const gone = await fetch(`${a.base}/api/shares/${result.id}/v/2`);
    expect([gone.status, ((await gone.json()) as { code: string }).code]).toEqual([410, "gone"]);
  } finally {
    for (const child of instances) child.kill("SIGTERM");
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});
