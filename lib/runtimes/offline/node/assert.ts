// node:assert and node:assert/strict with Node's messages, so a failing test prints what a developer expects.
import { deepEqual, inspect } from "./util";
import { diffMessage } from "./assert-diff";

export class AssertionError extends Error {
  declare generatedMessage: boolean;
  declare code: "ERR_ASSERTION";
  declare actual: unknown;
  declare expected: unknown;
  declare operator: string;
  declare diff: "simple" | "full";
  constructor(options: { message?: string | Error; actual?: unknown; expected?: unknown; operator: string; generated?: string }) {
    super(typeof options.message === "string" ? options.message : (options.generated ?? "Failed"));
    // As Node does: the stack is written while the name carries the code ("AssertionError [ERR_ASSERTION]: …"),
    // then the name is the class's again. Own properties in Node's order, which util.inspect shows.
    this.name = "AssertionError [ERR_ASSERTION]";
    void this.stack;
    this.name = "AssertionError";
    Object.assign(this, {
      generatedMessage: typeof options.message !== "string",
      code: "ERR_ASSERTION",
      actual: options.actual,
      expected: options.expected,
      operator: options.operator,
      diff: "simple",
    });
    delete (this as { name?: string }).name;
  }
  override toString(): string {
    return `AssertionError [ERR_ASSERTION]: ${this.message}`;
  }

  /** As Node's: actual and expected shown one level deep (the message already holds the full comparison). */
  [Symbol.for("nodejs.util.inspect.custom")](_depth: number, options: object): string {
    return inspect(this, { ...options, customInspect: false, depth: 0 });
  }
}
Object.defineProperty(AssertionError.prototype, "name", { value: "AssertionError", writable: true, configurable: true });

type Message = string | Error | undefined;

function fail(message: Message, generated: string, actual: unknown, expected: unknown, operator: string): never {
  if (message instanceof Error) throw message;
  const error = new AssertionError({ message, actual, expected, operator, generated });
  throw error;
}

const show = (v: unknown) => inspect(v, { depth: 4 });

function makeAssert(strict: boolean) {
  const ok = (value: unknown, message?: Message) => {
    if (!value)
      fail(message, `The expression evaluated to a falsy value:\n\n  assert.ok(${show(value)})\n`, value, true, "==");
  };
  const strictEqual = (actual: unknown, expected: unknown, message?: Message) => {
    if (!Object.is(actual, expected)) fail(message, diffMessage(actual, expected, "strictEqual"), actual, expected, "strictEqual");
  };
  const notStrictEqual = (actual: unknown, expected: unknown, message?: Message) => {
    if (Object.is(actual, expected))
      fail(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`, actual, expected, "notStrictEqual");
  };
  const looseEqual = (actual: unknown, expected: unknown, message?: Message) => {
    if (!(actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))))
      fail(message, `${show(actual)} == ${show(expected)}`, actual, expected, "==");
  };
  const looseNotEqual = (actual: unknown, expected: unknown, message?: Message) => {
    if (actual == expected) fail(message, `${show(actual)} != ${show(expected)}`, actual, expected, "!=");
  };
  const deepStrictEqual = (actual: unknown, expected: unknown, message?: Message) => {
    if (!deepEqual(actual, expected, true)) fail(message, diffMessage(actual, expected, "deepStrictEqual"), actual, expected, "deepStrictEqual");
  };
  const notDeepStrictEqual = (actual: unknown, expected: unknown, message?: Message) => {
    if (deepEqual(actual, expected, true))
      fail(message, `Expected "actual" not to be strictly deep-equal to: ${show(expected)}`, actual, expected, "notDeepStrictEqual");
  };
  const looseDeepEqual = (actual: unknown, expected: unknown, message?: Message) => {
    if (!deepEqual(actual, expected, false))
      fail(message, `Expected values to be loosely deep-equal:\n\n${show(actual)}\n\nshould loosely deep-equal\n\n${show(expected)}`, actual, expected, "deepEqual");
  };
  const looseNotDeepEqual = (actual: unknown, expected: unknown, message?: Message) => {
    if (deepEqual(actual, expected, false))
      fail(message, `Expected "actual" not to be loosely deep-equal to: ${show(expected)}`, actual, expected, "notDeepEqual");
  };
  const matchesExpected = (error: unknown, expected: unknown): boolean => {
    if (expected === undefined) return true;
    if (typeof expected === "function") {
      if (expected.prototype !== undefined && error instanceof (expected as new () => unknown)) return true;
      if (Error.isPrototypeOf(expected)) return false;
      return (expected as (e: unknown) => boolean)(error) === true;
    }
    if (expected instanceof RegExp) return expected.test(String(error instanceof Error ? error.message : error)) || expected.test(String(error));
    if (typeof expected === "object" && expected !== null)
      return Object.entries(expected).every(([k, v]) => {
        const actual = (error as Record<string, unknown>)?.[k];
        return v instanceof RegExp ? v.test(String(actual)) : deepEqual(actual, v, true);
      });
    return false;
  };
  const throws = (fn: () => unknown, expected?: unknown, message?: Message) => {
    if (typeof expected === "string") [message, expected] = [expected, undefined];
    try {
      fn();
    } catch (error) {
      if (!matchesExpected(error, expected)) {
        if (typeof expected === "function" && Error.isPrototypeOf(expected)) throw error;
        fail(message, `The error is expected to match the validation:\n\n${show(error)}`, error, expected, "throws");
      }
      return;
    }
    fail(message, "Missing expected exception.", undefined, expected, "throws");
  };
  const rejects = async (promiseOrFn: Promise<unknown> | (() => Promise<unknown>), expected?: unknown, message?: Message) => {
    if (typeof expected === "string") [message, expected] = [expected, undefined];
    try {
      await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
    } catch (error) {
      if (!matchesExpected(error, expected))
        fail(message, `The error is expected to match the validation:\n\n${show(error)}`, error, expected, "rejects");
      return;
    }
    fail(message, "Missing expected rejection.", undefined, expected, "rejects");
  };
  const doesNotThrow = (fn: () => unknown, message?: Message) => {
    try {
      fn();
    } catch (error) {
      fail(message, `Got unwanted exception.\nActual message: "${error instanceof Error ? error.message : String(error)}"`, error, undefined, "doesNotThrow");
    }
  };
  const doesNotReject = async (p: Promise<unknown> | (() => Promise<unknown>), message?: Message) => {
    try {
      await (typeof p === "function" ? p() : p);
    } catch (error) {
      fail(message, `Got unwanted rejection.\nActual message: "${error instanceof Error ? error.message : String(error)}"`, error, undefined, "doesNotReject");
    }
  };
  const match = (value: string, re: RegExp, message?: Message) => {
    if (!re.test(value))
      fail(message, `The input did not match the regular expression ${re}. Input:\n\n${show(value)}\n`, value, re, "match");
  };
  const doesNotMatch = (value: string, re: RegExp, message?: Message) => {
    if (re.test(value))
      fail(message, `The input was expected to not match the regular expression ${re}. Input:\n\n${show(value)}\n`, value, re, "doesNotMatch");
  };
  const assert = Object.assign((value: unknown, message?: Message) => ok(value, message), {
    ok,
    equal: strict ? strictEqual : looseEqual,
    notEqual: strict ? notStrictEqual : looseNotEqual,
    strictEqual,
    notStrictEqual,
    deepEqual: strict ? deepStrictEqual : looseDeepEqual,
    notDeepEqual: strict ? notDeepStrictEqual : looseNotDeepEqual,
    deepStrictEqual,
    notDeepStrictEqual,
    throws,
    rejects,
    doesNotThrow,
    doesNotReject,
    match,
    doesNotMatch,
    ifError: (value: unknown) => {
      if (value !== null && value !== undefined) throw value;
    },
    fail: (message?: Message) => fail(message, "Failed", undefined, undefined, "fail"),
    AssertionError,
  });
  return assert;
}

export const assertStrict = makeAssert(true);
export const assertLoose = Object.assign(makeAssert(false), { strict: assertStrict });
Object.assign(assertStrict, { strict: assertStrict });
