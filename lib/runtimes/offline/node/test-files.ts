// `node --test` as Node 24 runs it: the files (found by Node's default patterns, or named/globbed on the command
// line) each run in a process of their own; their output is printed in file order even when several run at once; a
// file that fails to load or exits non-zero is a failed test named after the file, and the run goes on; one summary
// at the end adds every file's counts.
import picomatch from "picomatch";
import type { MemFs } from "../mem-fs";
import type { ProcessHandle } from "../process/launcher";
import type { TestFileReport } from "../process/protocol";
import { formatSummary, type TestTotals } from "./test-runner";

const TEST_FILE = /(^|\/)(test(\.|-[^/]*\.)|[^/]*[.\-_]test\.)(c|m)?[jt]s$/;
const SCRIPT = /\.(c|m)?[jt]s$/;

/** Node 24's default `--test` patterns: *.test.js, *-test.js, *_test.js, test-*.js, test.js and files under test/
 * (also .cjs/.mjs, and .ts/.mts/.cts since Node strips types), outside node_modules, in code-unit order. */
export function findTestFiles(fs: MemFs, cwd: string): string[] {
  return fs
    .walkFiles(cwd)
    .filter((p) => !p.includes("/node_modules/"))
    .filter((p) => {
      const rel = p.slice(cwd.length + 1);
      return TEST_FILE.test(rel) || (/(^|\/)test\//.test(rel) && SCRIPT.test(rel));
    });
}

/** The files for `node --test <args>`: each argument is a file or a glob pattern. Undefined names the one not found. */
export function selectTestFiles(fs: MemFs, cwd: string, args: string[]): { files: string[] } | { missing: string } {
  if (args.length === 0) return { files: findTestFiles(fs, cwd) };
  const files = new Set<string>();
  for (const arg of args) {
    const abs = fs.resolvePath(cwd, arg);
    if (fs.isFile(abs)) {
      files.add(abs);
      continue;
    }
    if (!/[*?[{]/.test(arg)) return { missing: arg };
    const match = picomatch(arg.replace(/^\.\//, ""));
    const found = fs.walkFiles(cwd).filter((p) => !p.includes("/node_modules/") && match(p.slice(cwd.length + 1)));
    found.forEach((f) => files.add(f));
  }
  return { files: [...files].sort() };
}

export interface TestFileRun {
  /** Starts one file's process; its output (stdout and stderr alike, as Node's runner shows it) goes to `output`. */
  start(file: string, output: (text: string) => void, report: (r: TestFileReport) => void): ProcessHandle;
  /** The run's stdout. */
  write(text: string): void;
  relative(file: string): string;
  concurrency: number;
}

const ms = (start: number) => `(${(performance.now() - start).toFixed(6).replace(/0+$/, "").replace(/\.$/, "")}ms)`;

export async function runTestFiles(files: string[], run: TestFileRun): Promise<number> {
  const started = performance.now();
  const totals: TestTotals = { tests: 0, suites: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
  const failures: string[] = [];
  // Output of a file that is not first in line waits until the files before it are done.
  const slots = files.map(() => ({ buffered: "", done: false }));
  let head = 0;
  const emit = (index: number, text: string) => {
    if (index === head) run.write(text);
    else (slots[index] as { buffered: string }).buffered += text;
  };
  const finished = (index: number) => {
    (slots[index] as { done: boolean }).done = true;
    while (head < slots.length && slots[head]?.done) {
      head++;
      const next = slots[head];
      if (next) {
        run.write(next.buffered);
        next.buffered = "";
      }
    }
  };
  const runOne = async (index: number) => {
    const file = files[index] as string;
    const begin = performance.now();
    let report: TestFileReport | undefined;
    const handle = run.start(file, (text) => emit(index, text), (r) => (report = r));
    const code = await handle.exit;
    const r = report;
    if (r) {
      for (const k of Object.keys(totals) as Array<keyof TestTotals>) totals[k] += r.totals[k];
      failures.push(...r.failures);
    }
    const ranTests = r !== undefined && r.totals.tests + r.totals.suites > 0;
    if (code !== 0 && (!r || r.totals.fail === 0)) {
      // A file that threw while loading, or exited non-zero with nothing failing: the file itself failed.
      const line = `✖ ${run.relative(file)} ${ms(begin)}\n`;
      emit(index, line);
      totals.tests++;
      totals.fail++;
      failures.push(`test at ${run.relative(file)}:1:1\n${line}  'test failed'\n`);
    } else if (!ranTests) {
      // A file with no tests that ran fine is one passing test, named after the file.
      emit(index, `✔ ${run.relative(file)} ${ms(begin)}\n`);
      totals.tests++;
      totals.pass++;
    }
    finished(index);
  };
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(run.concurrency, files.length)) }, async () => {
    while (next < files.length) await runOne(next++);
  });
  await Promise.all(workers);
  run.write(formatSummary(totals, performance.now() - started, failures));
  return totals.fail > 0 ? 1 : 0;
}
