// A public server under load (issue 10): 200 model streams at once on one instance — time to first byte and to the
// first delta, p50/p99, and the IDE process's memory — with limits off, limits in memory and limits in Redis; then the
// limits under load: one client far over its rate gets 429 with Retry-After while twenty ordinary clients are
// unaffected, on one instance and on two instances sharing Redis.
// Clients are told apart by X-Forwarded-For (TANDEM_TRUST_PROXY=1), as behind a proxy: every request here comes from
// 127.0.0.1.
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { step } from "../e2e/support/xai-server.ts";
import { startModelServer } from "./agent.bench.mjs";
import { freePort, machineLine, median, percentile, root, writeSection } from "./harness.mjs";

const STREAMS = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

async function startApp(env) {
  const port = await freePort();
  const { NEXT_DIST_DIR: _dist, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], {
    cwd: root,
    env: { ...inherited, PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", TANDEM_TRUST_PROXY: "1", TANDEM_DATA_DIR: `.tandem-data/bench-${port}`, ...env },
    stdio: ["ignore", "ignore", "ignore"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/icon.svg`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // The IDE server is serve.mjs's child (the sandbox server stays in serve.mjs itself).
  const ide = Number(execFileSync("pgrep", ["-P", String(child.pid), "-f", "ide-server.mjs"], { encoding: "utf8" }).trim().split("\n")[0]);
  return { url, ide, stop: () => child.kill("SIGTERM") };
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** One chat request; resolves with the time to the response's first byte, to its first text delta, and the status. */
async function chat(url, { client, chatId, key = "xai-test-bench" }) {
  const start = performance.now();
  const res = await fetch(`${url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-tandem-model-key": key, "x-forwarded-for": client },
    body: JSON.stringify({ chatId, anchor: null, messages: [{ id: `u-${chatId}`, role: "user", parts: [{ type: "text", text: "hi" }] }] }),
  });
  const firstByte = performance.now() - start;
  if (!res.ok) {
    const body = await res.text();
    return { status: res.status, firstByte, firstDelta: null, retryAfter: res.headers.get("retry-after"), body };
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let firstDelta = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstDelta === null && value.includes('"type":"text-delta"')) firstDelta = performance.now() - start;
  }
  return { status: res.status, firstByte, firstDelta, retryAfter: null, body: "" };
}

async function concurrentStreams(app, label, run) {
  let peak = rssMb(app.ide);
  const before = peak;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(app.ide))), 50);
  const results = await Promise.all(Array.from({ length: STREAMS }, (_, i) => chat(app.url, { client: `10.1.${Math.floor(i / 250)}.${i % 250}`, chatId: `c-${label}-${run}-${i}` })));
  clearInterval(sampler);
  return { results, before, peak };
}

export default async function run() {
  const model = await startModelServer();
  // A model that answers in ~1.8 s (300 deltas, one every 6 ms), as a real one streams.
  await model.setScenario("bench", { responses: [], after: { ...step({ text: "z".repeat(300), chunk: 1 }), delayMs: 6 } });
  const common = { XAI_BASE_URL: model.url };
  const generous = { TANDEM_STREAMS_PER_CLIENT: "10", TANDEM_STREAMS_TOTAL: "1000", TANDEM_RATE_CHAT_PER_MINUTE: "100000", TANDEM_RATE_CHAT_PER_CHAT_PER_MINUTE: "100000", TANDEM_RATE_API_PER_MINUTE: "100000" };
  const configs = [
    ["limits off", { ...common, TANDEM_LIMITS: "off" }],
    ["limits on (memory)", { ...common, TANDEM_LIMITS: "on", ...generous }],
    ["limits on (Redis)", { ...common, TANDEM_LIMITS: "on", REDIS_URL, ...generous }],
  ];
  const rows = [];
  const streamFigures = {};
  try {
    const apps = [];
    for (const [label, env] of configs) apps.push({ label, app: await startApp(env) });
    for (const { label } of apps) streamFigures[label] = { firstByte: [], firstDelta: [], errors: 0, rssBefore: [], rssPeak: [] };
    // Warm each app (routes compiled, the store opened), then interleave the runs.
    for (const { app } of apps) await chat(app.url, { client: "10.9.9.9", chatId: `warm-${Math.random()}` });
    for (let r = 0; r < RUNS; r++)
      for (const { label, app } of apps) {
        const { results, before, peak } = await concurrentStreams(app, label.replace(/\W+/g, "-"), r);
        const f = streamFigures[label];
        for (const x of results) {
          if (x.status !== 200 || x.firstDelta === null) f.errors++;
          else {
            f.firstByte.push(x.firstByte);
            f.firstDelta.push(x.firstDelta);
          }
        }
        f.rssBefore.push(before);
        f.rssPeak.push(peak);
      }
    for (const { label } of apps) {
      const f = streamFigures[label];
      rows.push(
        `| ${label} | ${median(f.firstByte).toFixed(0)} / ${percentile(f.firstByte, 99).toFixed(0)} ms | ${median(f.firstDelta).toFixed(0)} / ${percentile(f.firstDelta, 99).toFixed(0)} ms | ${median(f.rssBefore).toFixed(0)} → ${median(f.rssPeak).toFixed(0)} MB | ${f.errors} of ${RUNS * STREAMS} |`,
      );
    }
    for (const { app } of apps) app.stop();

    // Limits under load: one client sends 150 requests as fast as it can while 20 others send 5 each.
    const limitRows = [];
    const limited = { ...common, TANDEM_LIMITS: "on", TANDEM_RATE_CHAT_PER_MINUTE: "30", TANDEM_STREAMS_PER_CLIENT: "50", TANDEM_STREAMS_TOTAL: "1000" };
    const one = await startApp(limited);
    const pair = [await startApp({ ...limited, REDIS_URL }), await startApp({ ...limited, REDIS_URL })];
    for (const [label, targets] of [["one instance, memory", [one]], ["two instances, one Redis", pair]]) {
      const tag = Math.random().toString(36).slice(2, 8);
      const abuser = `10.66.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      const flood = Promise.all(Array.from({ length: 150 }, (_, i) => chat(targets[i % targets.length].url, { client: abuser, chatId: `flood-${tag}-${i}` })));
      const ordinary = Promise.all(
        Array.from({ length: 20 }, (_, c) =>
          (async () => {
            const out = [];
            for (let i = 0; i < 5; i++) out.push(await chat(targets[(c + i) % targets.length].url, { client: `10.77.${c}.${tag.charCodeAt(0) % 250}`, chatId: `ord-${tag}-${c}-${i}` }));
            return out;
          })(),
        ),
      );
      const [f, o] = await Promise.all([flood, ordinary]);
      const served = f.filter((x) => x.status === 200).length;
      const refused = f.filter((x) => x.status === 429);
      const withRetry = refused.filter((x) => Number(x.retryAfter) > 0).length;
      const others = o.flat();
      const othersRefused = others.filter((x) => x.status !== 200).length;
      limitRows.push(
        `| ${label} | ${served} served, ${refused.length} × 429 (${withRetry} with Retry-After) | ${others.length - othersRefused} of ${others.length} served, ${othersRefused} refused | ${median(others.filter((x) => x.firstDelta !== null).map((x) => x.firstDelta)).toFixed(0)} ms |`,
      );
    }
    one.stop();
    for (const a of pair) a.stop();

    writeSection(
      "A public server under load (issue 10)",
      `${machineLine()}

${STREAMS} model streams started at once on one instance (each a ~1.8 s answer from the local xAI stand-in, 300 deltas),
${RUNS} runs per configuration, interleaved. Time to first byte is the response's headers; first delta is the first
streamed text. Memory is the IDE server process's resident set before the burst → its peak during it.

| configuration | first byte p50 / p99 | first delta p50 / p99 | IDE process RSS | errors |
|---|---|---|---|---|
${rows.join("\n")}

Limits under load: one client sends 150 assistant requests at once (its limit is 30 a minute) while 20 ordinary
clients send 5 each, one after another; clients are told apart by X-Forwarded-For behind a trusted proxy.

| setup | the flooding client | the 20 ordinary clients | their first delta, p50 |
|---|---|---|---|
${limitRows.join("\n")}
`,
    );
  } finally {
    await model.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
