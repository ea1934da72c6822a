// The differential conformance suite (issue 11): every program under e2e/conformance/cases runs under real Node 24
// and in the offline runtime in Chromium; stdout, stderr and the exit code must match (after conformance/cases.ts's
// `normalize`) unless conformance/allow-list.json names the case, the parts that differ, and why. An allowed case
// that now matches fails too, so the list only shrinks. One test per area: one sandbox page runs all of its cases.
import { writeFileSync, mkdirSync } from "node:fs";
import { expect, test } from "./support/fixtures";
import { differences, loadAllowList, loadCases, normalize, type Case, type Outcome } from "./conformance/cases";
import { prepareRealRuns } from "./conformance/real-node";
import { openSandbox, runInSandbox } from "./conformance/sandbox";

const cases = loadCases();
const allow = loadAllowList();
const areas = [...new Set(cases.map((c) => c.area))];
const port = Number(process.env.E2E_PORT ?? 3107);
const sandboxOrigin = process.env.TANDEM_SANDBOX_ORIGIN ?? `http://localhost:${port + 1}`;

test.describe.configure({ timeout: 300_000 });

test("the suite has at least 150 programs and every allow-list entry names a case and a reason", () => {
  expect(cases.length).toBeGreaterThanOrEqual(150);
  for (const [id, entry] of Object.entries(allow)) {
    expect(cases.some((c) => c.id === id), `allow-list entry ${id} names no case`).toBe(true);
    expect(entry.reason.length, `allow-list entry ${id} needs a reason`).toBeGreaterThan(20);
    expect(entry.differs.length).toBeGreaterThan(0);
  }
});

function describeDiff(c: Case, real: Outcome, offline: Outcome, parts: string[]): string {
  const show = (label: string, a: string, b: string) => `  ${label} (real Node):\n${indent(normalize(a))}\n  ${label} (offline):\n${indent(normalize(b))}`;
  const lines = [`${c.id} — \`${c.cmd}\` differs in ${parts.join(", ")}`];
  if (parts.includes("stdout")) lines.push(show("stdout", real.stdout, offline.stdout));
  if (parts.includes("stderr")) lines.push(show("stderr", real.stderr, offline.stderr));
  if (parts.includes("exitCode")) lines.push(`  exit code: real ${real.exitCode}, offline ${offline.exitCode}`);
  return lines.join("\n");
}

const indent = (s: string) => s.split("\n").map((l) => `    | ${l}`).join("\n");

for (const area of areas) {
  test(`conformance: ${area}`, async ({ page }) => {
    const mine = cases.filter((c) => c.area === area);
    const real = prepareRealRuns(mine);
    const expected = new Map<string, Outcome>();
    // A few at a time: the machine has two cores and the browser's runs come next.
    let next = 0;
    await Promise.all(Array.from({ length: 3 }, async () => {
      while (next < mine.length) {
        const c = mine[next++] as Case;
        expected.set(c.id, await real.run(c));
      }
    }));
    await openSandbox(page, sandboxOrigin, mine);
    const problems: string[] = [];
    const results: Array<{ id: string; differs: string[] }> = [];
    for (const c of mine) {
      const offline = await runInSandbox(page, c);
      const want = expected.get(c.id) as Outcome;
      const parts = differences(want, offline);
      results.push({ id: c.id, differs: parts });
      const allowed = allow[c.id];
      if (!allowed) {
        if (parts.length) problems.push(describeDiff(c, want, offline, parts));
      } else if (parts.length === 0) problems.push(`${c.id} now matches real Node: remove it from allow-list.json`);
      else if (parts.some((p) => !allowed.differs.includes(p))) problems.push(`${describeDiff(c, want, offline, parts)}\n  (allowed to differ only in ${allowed.differs.join(", ")})`);
    }
    mkdirSync("e2e/.artifacts", { recursive: true });
    writeFileSync(`e2e/.artifacts/conformance-${area}.json`, JSON.stringify(results, null, 1));
    const matching = results.filter((r) => r.differs.length === 0).length;
    console.log(`conformance ${area}: ${matching}/${results.length} match real Node 24`);
    expect(problems, problems.join("\n\n")).toEqual([]);
  });
}
