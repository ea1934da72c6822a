// node:test with Node's "spec" reporter output: ✔/✖ lines, nested suites, the ℹ summary and the list of failing
// tests, and exit code 1 when anything failed. Tests start as they are registered (like Node), one after another.
import { hostTimers } from "./host-timers";

type Fn = (t: TestContext, done?: (error?: unknown) => void) => unknown;
interface Options {
  skip?: boolean | string;
  todo?: boolean | string;
  only?: boolean;
  timeout?: number;
}
type Hook = () => unknown;

interface Node {
  name: string;
  fn?: Fn;
  options: Options;
  kind: "test" | "suite";
  depth: number;
  location?: string;
  hooks: { before: Hook[]; after: Hook[]; beforeEach: Hook[]; afterEach: Hook[] };
  parent?: Node;
  children: Node[];
}

export interface TestTotals {
  tests: number;
  suites: number;
  pass: number;
  fail: number;
  cancelled: number;
  skipped: number;
  todo: number;
}

/** Node's closing lines: the ℹ counts, then the failing tests again. */
export function formatSummary(t: TestTotals, durationMs: number, failures: string[]): string {
  const lines = [
    `ℹ tests ${t.tests}`,
    `ℹ suites ${t.suites}`,
    `ℹ pass ${t.pass}`,
    `ℹ fail ${t.fail}`,
    `ℹ cancelled ${t.cancelled}`,
    `ℹ skipped ${t.skipped}`,
    `ℹ todo ${t.todo}`,
    `ℹ duration_ms ${durationMs.toFixed(6).replace(/0+$/, "").replace(/\.$/, "")}`,
  ];
  let text = `${lines.join("\n")}\n`;
  if (failures.length) text += `\n✖ failing tests:\n\n${failures.join("\n")}`;
  return text;
}

export interface TestReporterIO {
  out: (text: string) => void;
  /** Turns an error into the text to print (stack cleaned of runtime frames). */
  formatError: (error: unknown) => string;
  /** "file:line:col" of the user's call site, from an error created at registration. */
  locate: (error: Error) => string | undefined;
}

export class TestRunner {
  totals: TestTotals = { tests: 0, suites: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
  private failures: string[] = [];
  private queue: Promise<void> = Promise.resolve();
  private collecting: Node | undefined;
  private started = performance.now();

  constructor(private io: TestReporterIO) {}

  /** Resolves when every registered test has run. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** The summary Node prints when a test file is run directly. */
  summary(): string {
    return formatSummary(this.totals, performance.now() - this.started, this.failures);
  }

  /** What a file's process reports to a `node --test` run. */
  report(): { totals: TestTotals; failures: string[] } {
    return { totals: { ...this.totals }, failures: [...this.failures] };
  }

  /** True once the program registered a test or suite (Node prints a summary only then). */
  get used(): boolean {
    return this.registered;
  }
  private registered = false;

  /** The node:test module object. */
  module() {
    const register = (kind: Node["kind"]) =>
      (nameOrFn?: string | Fn | Options, optionsOrFn?: Options | Fn, maybeFn?: Fn): Promise<void> => {
        const args = [nameOrFn, optionsOrFn, maybeFn];
        const fn = args.find((a): a is Fn => typeof a === "function");
        const options = (args.find((a) => typeof a === "object" && a !== null) as Options | undefined) ?? {};
        const name = typeof nameOrFn === "string" ? nameOrFn : fn?.name || "<anonymous>";
        return this.register(kind, name, options, fn, new Error());
      };
    const test = Object.assign(register("test"), {
      skip: (name: string, fn?: Fn) => this.register("test", name, { skip: true }, fn, undefined),
      todo: (name: string, fn?: Fn) => this.register("test", name, { todo: true }, fn, undefined),
      only: register("test"),
    });
    const describe = Object.assign(register("suite"), {
      skip: (name: string, fn?: Fn) => this.register("suite", name, { skip: true }, fn, undefined),
      todo: (name: string, fn?: Fn) => this.register("suite", name, { todo: true }, fn, undefined),
      only: register("suite"),
    });
    const hook = (kind: keyof Node["hooks"]) => (fn: Hook) => {
      if (this.collecting) this.collecting.hooks[kind].push(fn);
      else this.rootHooks[kind].push(fn);
    };
    const mod = {
      test,
      it: test,
      describe,
      suite: describe,
      before: hook("before"),
      after: hook("after"),
      beforeEach: hook("beforeEach"),
      afterEach: hook("afterEach"),
      mock: new Proxy({}, { get: () => () => { throw new Error("node:test mock is not available in the offline runtime."); } }),
    };
    return Object.assign(test, mod, { default: test });
  }

  private rootHooks: Node["hooks"] = { before: [], after: [], beforeEach: [], afterEach: [] };

  private register(kind: Node["kind"], name: string, options: Options, fn: Fn | undefined, site: Error | undefined): Promise<void> {
    this.registered = true;
    const parent = this.collecting;
    const node: Node = {
      name,
      fn,
      options,
      kind,
      depth: parent ? parent.depth + 1 : 0,
      location: site ? this.io.locate(site) : undefined,
      hooks: { before: [], after: [], beforeEach: [], afterEach: [] },
      parent,
      children: [],
    };
    if (kind === "suite" && fn && !options.skip) {
      // Suites collect their children synchronously, like Node.
      this.collecting = node;
      try {
        (fn as unknown as () => unknown)();
      } finally {
        this.collecting = parent;
      }
    }
    if (parent) {
      parent.children.push(node);
      return Promise.resolve();
    }
    const run = this.queue.then(() => this.runNode(node, []));
    this.queue = run.then(() => undefined);
    return run.then(() => undefined);
  }

  private async runNode(node: Node, ancestors: Node[]): Promise<boolean> {
    const indent = "  ".repeat(node.depth);
    const start = performance.now();
    const ms = () => `(${(performance.now() - start).toFixed(6).replace(/0+$/, "").replace(/\.$/, "")}ms)`;
    if (node.options.skip || node.options.todo) {
      const tag = node.options.skip ? "SKIP" : "TODO";
      this.io.out(`${indent}﹣ ${node.name} ${ms()} # ${tag}\n`);
      if (node.kind === "suite") this.totals.suites++;
      else this.totals.tests++;
      if (node.options.skip) this.totals.skipped++;
      else this.totals.todo++;
      return true;
    }
    if (node.kind === "suite") {
      this.totals.suites++;
      this.io.out(`${indent}▶ ${node.name}\n`);
      let ok = true;
      try {
        for (const h of node.hooks.before) await h();
        for (const child of node.children) ok = (await this.runNode(child, [...ancestors, node])) && ok;
        for (const h of node.hooks.after) await h();
      } catch (error) {
        ok = false;
        this.io.out(`${indent}  ${this.indentError(error, indent)}\n`);
      }
      this.io.out(`${indent}${ok ? "✔" : "✖"} ${node.name} ${ms()}\n`);
      return ok;
    }
    this.totals.tests++;
    let error: unknown;
    let subtestsFailed = false;
    const subtests: Array<Promise<boolean>> = [];
    // A test with subtests is announced ("▶ name") before its first subtest reports, as Node's spec reporter does.
    const ctx = this.context(node, ancestors, subtests, () => this.io.out(`${indent}▶ ${node.name}\n`));
    const chain = [...ancestors, node];
    try {
      for (const h of this.rootHooks.beforeEach) await h();
      for (const a of ancestors) for (const h of a.hooks.beforeEach) await h();
      if (node.fn) await this.invoke(node.fn, ctx, node.options.timeout);
      const results = await Promise.all(subtests);
      const failed = results.filter((r) => !r).length;
      if (failed && error === undefined) {
        error = new Error(`${failed} subtest${failed > 1 ? "s" : ""} failed`);
        subtestsFailed = true;
      }
      for (const a of [...ancestors].reverse()) for (const h of a.hooks.afterEach) await h();
      for (const h of this.rootHooks.afterEach) await h();
    } catch (e) {
      error = e;
    }
    void chain;
    if (error === undefined) {
      this.totals.pass++;
      this.io.out(`${indent}✔ ${node.name} ${ms()}\n`);
      return true;
    }
    this.totals.fail++;
    // Node 24 prints only the ✖ line here; the error follows in the "failing tests" list at the end (where a parent
    // that failed only through its subtests is not repeated).
    this.io.out(`${indent}✖ ${node.name} ${ms()}\n`);
    if (!subtestsFailed) this.failures.push(`${node.location ? `test at ${node.location}\n` : ""}✖ ${node.name} ${ms()}\n  ${this.indentError(error, "")}\n`);
    return false;
  }

  private indentError(error: unknown, indent: string): string {
    return this.io.formatError(error).split("\n").join(`\n${indent}  `);
  }

  private invoke(fn: Fn, ctx: TestContext, timeout: number | undefined): Promise<unknown> {
    const run =
      fn.length >= 2
        ? new Promise<void>((resolve, reject) => {
            const result = fn.call(ctx, ctx, (e?: unknown) => (e ? reject(e) : resolve()));
            if (result instanceof Promise) result.catch(reject);
          })
        : Promise.resolve().then(() => fn.call(ctx, ctx));
    if (!timeout || !Number.isFinite(timeout)) return run;
    return Promise.race([
      run,
      new Promise((_, reject) => hostTimers.setTimeout(() => reject(new Error(`test timed out after ${timeout}ms`)), timeout)),
    ]);
  }

  private context(node: Node, ancestors: Node[], subtests: Array<Promise<boolean>>, announce: () => void): TestContext {
    let last: Promise<unknown> = Promise.resolve();
    let announced = false;
    // An instance of TestContext, so a stack names the test's function `TestContext.<anonymous>` as Node's does.
    const ctx: TestContext = Object.create(TestContextClass.prototype);
    Object.assign(ctx, {
      name: node.name,
      diagnostic: (message: string) => this.io.out(`${"  ".repeat(node.depth + 1)}ℹ ${message}\n`),
      skip: () => undefined,
      todo: () => undefined,
      test: (nameOrFn?: string | Fn | Options, optionsOrFn?: Options | Fn, maybeFn?: Fn) => {
        const args = [nameOrFn, optionsOrFn, maybeFn];
        const fn = args.find((a): a is Fn => typeof a === "function");
        const options = (args.find((a) => typeof a === "object" && a !== null) as Options | undefined) ?? {};
        const child: Node = {
          name: typeof nameOrFn === "string" ? nameOrFn : fn?.name || "<anonymous>",
          fn,
          options,
          kind: "test",
          depth: node.depth + 1,
          location: this.io.locate(new Error()),
          hooks: { before: [], after: [], beforeEach: [], afterEach: [] },
          parent: node,
          children: [],
        };
        if (!announced) {
          announced = true;
          announce();
        }
        const run = last.then(() => this.runNode(child, [...ancestors, node]));
        last = run;
        subtests.push(run);
        return run.then(() => undefined);
      },
    });
    return ctx;
  }
}

/** Only its name matters: V8 prints it as the receiver of a test's function. Made from source text, where no
 * minifier renames it (V8 reads the name a class was created with, not its `name` property). */
const TestContextClass = new Function("return class TestContext {}")() as new () => object;

export interface TestContext {
  name: string;
  diagnostic(message: string): void;
  skip(message?: string): void;
  todo(message?: string): void;
  test(nameOrFn?: string | Fn | Options, optionsOrFn?: Options | Fn, maybeFn?: Fn): Promise<void>;
}
