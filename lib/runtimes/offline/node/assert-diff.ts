// The message of a failed strictEqual/deepStrictEqual as Node 24 writes it: both values inspected the way assert
// inspects them (expanded, sorted keys, getters), then either "a !== b" for short values, the two stacked with a
// caret for longer single lines, or a line diff ("+ actual - expected") in which long unchanged runs collapse to
// "...". The line diff comes from the `diff` package; the layout and collapsing rules are Node's.
import { diffArrays } from "diff";
import { inspect } from "./util";

const READABLE: Record<string, string> = {
  deepStrictEqual: "Expected values to be strictly deep-equal:",
  strictEqual: "Expected values to be strictly equal:",
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  notIdentical: "Values have same structure but are not reference-equal:",
};

const MAX_SHORT = 12;
/** Unchanged lines shown before a run is collapsed. */
const KEEP = 5;

export function inspectForAssert(value: unknown): string {
  return inspect(value, { compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity, showHidden: false, showProxy: false, sorted: true, getters: true });
}

const isObject = (v: unknown) => (typeof v === "object" && v !== null) || typeof v === "function";

export function diffMessage(actual: unknown, expected: unknown, operatorIn: "strictEqual" | "deepStrictEqual", custom?: string): string {
  let operator: string = operatorIn;
  if (operator === "strictEqual" && ((isObject(actual) && isObject(expected) && typeof actual === typeof expected) || (typeof actual === "function" && typeof expected === "function")))
    operator = "strictEqualObject";
  const a = inspectForAssert(actual);
  const e = inspectForAssert(expected);
  const aLines = a.split("\n");
  const eLines = e.split("\n");
  let header = "+ actual - expected";
  let body: string;
  let skipped = false;
  const simple = aLines.length === 1 && eLines.length === 1 && (!isObject(actual) || !isObject(expected));
  if (simple) {
    let length = a.length + e.length;
    if (typeof actual === "string") length -= 2;
    if (typeof expected === "string") length -= 2;
    if (length <= MAX_SHORT && (actual !== 0 || expected !== 0)) {
      body = `${a} !== ${e}`;
      header = "";
    } else {
      body = `\n+ ${a}\n- ${e}`;
      if (typeof actual === "string" && typeof expected === "string" && a.length + e.length <= 80) {
        const at = [...a].findIndex((ch, i) => ch !== e[i]);
        if (at >= 3) body += `\n${" ".repeat(at + 2)}^`;
      }
    }
  } else if (a === e) {
    operator = "notIdentical";
    header = "";
    if (aLines.length > 50) {
      body = `${aLines.slice(0, 50).join("\n")}\n...}`;
      skipped = true;
    } else body = a;
  } else {
    ({ body, skipped } = lineDiff(aLines, eLines, isObject(actual)));
  }
  return `${custom ?? READABLE[operator]}\n${header}${skipped ? "\n... Skipped lines" : ""}\n${body}\n`;
}

type Op = ["+" | "-" | " ", string];

function lineDiff(actual: string[], expected: string[], commas: boolean): { body: string; skipped: boolean } {
  const same = (x: string, y: string) => x === y || (commas && (`${x},` === y || x === `${y},`));
  const ops: Op[] = [];
  const changes = diffArrays(actual, expected, { comparator: same });
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i] as (typeof changes)[number];
    if (!c.added && !c.removed) {
      // Equal up to a trailing comma: Node shows the line as the side that has it.
      let ai = changes.slice(0, i).reduce((n, x) => n + (x.added ? 0 : x.count ?? x.value.length), 0);
      for (const line of c.value) ops.push([" ", commas && !actual[ai]?.endsWith(",") ? line : (actual[ai] ?? line)]), ai++;
      continue;
    }
    // A changed block: the actual lines (+) first, then the expected ones (-), as Node prints them.
    const block = [c, changes[i + 1]].filter((x) => x && (x.added || x.removed)) as typeof changes;
    if (block.length === 2) i++;
    for (const x of block) if (x.removed) for (const line of x.value) ops.push(["+", line]);
    for (const x of block) if (x.added) for (const line of x.value) ops.push(["-", line]);
  }
  let out = "";
  let skipped = false;
  let run: string[] = [];
  const flushRun = (last: boolean) => {
    const shown = run.slice(0, KEEP);
    out += shown.map((l) => `  ${l}\n`).join("");
    const rest = run.length - KEEP;
    if (!last && rest > 0) {
      if (rest <= 2) out += run.slice(KEEP).map((l) => `  ${l}\n`).join("");
      else {
        out += `...\n  ${run[run.length - 1]}\n`;
        skipped = true;
      }
    }
    run = [];
  };
  for (const [op, line] of ops) {
    if (op === " ") {
      run.push(line);
      continue;
    }
    if (run.length) flushRun(false);
    out += `${op} ${line}\n`;
  }
  if (run.length) flushRun(true);
  return { body: `\n${out.trimEnd()}`, skipped };
}
