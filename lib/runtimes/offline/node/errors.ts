// Errors as Node prints them. In a process's realm, Error.prepareStackTrace (V8's hook, which Node uses too) writes
// every stack: frames name the program's files (not blob: URLs or the runtime's bundle), ES modules as file:// URLs,
// TypeScript mapped back through its source map, the CommonJS wrapper as `Object.<anonymous>`; the runtime's own
// frames are left out. An uncaught error is printed like Node: the source line with a caret, then
// util.inspect(error) (own properties, [cause], AggregateError's errors), then the Node.js version.
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { inspect } from "./util";

/** What the module loader knows about the program's files. */
export interface LoadedFiles {
  /** Module URL (blob:, data:) → file path, for ES modules. */
  urlToPath: ReadonlyMap<string, string>;
  /** Paths loaded as ES modules (printed as file:// URLs). */
  isEsm(path: string): boolean;
  /** Characters the CommonJS wrapper adds before a file's first line. */
  wrapperColumns: number;
  /** The code that ran for a file when it differs from the file (compiled TypeScript, with an inline source map). */
  compiled(path: string): string | undefined;
  /** The file's text, for the source line of an uncaught error. */
  read(path: string): string | undefined;
}

export interface Frame {
  path: string;
  line: number;
  column: number;
}

interface CallSite {
  getFileName(): string | undefined | null;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  getFunctionName(): string | null;
  getTypeName(): string | null;
  getMethodName(): string | null;
  getEvalOrigin(): string | undefined;
  isEval(): boolean;
  isNative(): boolean;
  isToplevel(): boolean;
  isConstructor(): boolean;
  isAsync?(): boolean;
  isPromiseAll?(): boolean;
  getPromiseIndex?(): number | null;
}

type Located = { frame: Frame; url: string } | { native: true } | null;

const NODE_VERSION_LINE = (version: string) => `\nNode.js ${version}\n`;

/** A SyntaxError's file and text, for the location the engine's eval does not give (set by the module loader). */
export const syntaxErrorSource = new WeakMap<object, { path: string; source: string }>();

/**
 * util.inspect of an error whose stack has no frame left (all were the runtime's) brackets it ("[Error: x]"); Node,
 * which keeps its internal frames, prints it bare. An uncaught error is printed bare here too.
 */
function inspectUncaught(error: object): string {
  const text = inspect(error);
  const stack = String((error as { stack?: unknown }).stack ?? "");
  return stack.includes("\n    at ") ? text : text.replace(/^\[([\s\S]*?)\](?= \{|$)/, "$1");
}

/** Where a file fails to parse, found with acorn (loaded only then), as 1-based line and 0-based column. */
async function syntaxLocation(source: string): Promise<{ line: number; column: number } | undefined> {
  const { parse } = await import("acorn");
  for (const sourceType of ["script", "module"] as const) {
    try {
      parse(source, { ecmaVersion: "latest", sourceType, allowHashBang: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: sourceType === "module" });
      return undefined;
    } catch (error) {
      const loc = (error as { loc?: { line: number; column: number } }).loc;
      if (loc && sourceType === "script") return loc;
    }
  }
  return undefined;
}

export class ErrorPrinter {
  /** The user frames of each error's stack, as computed by prepareStackTrace. */
  private readonly frames = new WeakMap<object, Frame[]>();
  private readonly maps = new Map<string, TraceMap | null>();

  constructor(
    private readonly files: LoadedFiles,
    private readonly version: string,
  ) {}

  /** Makes this realm's stacks Node's. */
  install(): void {
    const printer = this;
    Object.defineProperty(Error, "prepareStackTrace", {
      configurable: true,
      writable: true,
      value: function prepareStackTrace(error: unknown, sites: CallSite[]) {
        return printer.stack(error, sites);
      },
    });
  }

  /** The user's frames of an error (nearest first), when its stack was written by this printer. */
  userFrames(error: unknown): Frame[] {
    if (typeof error === "object" && error !== null) {
      void (error as { stack?: unknown }).stack; // V8 writes the stack on first read
      return this.frames.get(error) ?? [];
    }
    return [];
  }

  stack(error: unknown, sites: CallSite[]): string {
    let head: string;
    try {
      head = Error.prototype.toString.call(error);
    } catch {
      head = "Error";
    }
    const lines: string[] = [];
    const frames: Frame[] = [];
    const located = sites.map((s) => this.locate(s));
    located.forEach((where, i) => {
      const site = sites[i] as CallSite;
      if (!where) return;
      if ("native" in where) {
        // A builtin (JSON.parse, Array.map) is shown when the program called it.
        const caller = located[i + 1];
        if (caller && "frame" in caller) lines.push(`    at ${this.describe(site, "<anonymous>")}`);
        return;
      }
      frames.push(where.frame);
      lines.push(`    at ${this.describe(site, `${where.url}:${where.frame.line}:${where.frame.column}`)}`);
    });
    if (typeof error === "object" && error !== null) this.frames.set(error, frames);
    return [head, ...lines].join("\n");
  }

  /** Where a call site is in the program's files, or null for the runtime's own code. */
  private locate(site: CallSite): Located {
    let file = site.getFileName() ?? undefined;
    if (!file && site.isEval()) file = evalSource(site.getEvalOrigin());
    if (!file) return site.isNative() || site.getFunctionName() ? { native: true } : null;
    const esmPath = this.files.urlToPath.get(file);
    const path = esmPath ?? (file.startsWith("/") ? file : undefined);
    if (!path) return null;
    let line = site.getLineNumber() ?? 0;
    let column = site.getColumnNumber() ?? 0;
    const compiled = this.files.compiled(path);
    if (!esmPath && line === 1 && !this.files.isEsm(path)) column = Math.max(1, column - this.files.wrapperColumns);
    if (compiled) {
      const mapped = this.mapped(path, compiled, line, column);
      if (mapped) ({ line, column } = mapped);
    }
    const frame = { path, line, column };
    return { frame, url: esmPath || this.files.isEsm(path) ? `file://${path}` : path };
  }

  private mapped(path: string, compiled: string, line: number, column: number): { line: number; column: number } | undefined {
    let map = this.maps.get(path);
    if (map === undefined) {
      const data = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(compiled)?.[1];
      map = data ? new TraceMap(new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)))) : null;
      this.maps.set(path, map);
    }
    if (!map) return undefined;
    const pos = originalPositionFor(map, { line, column: Math.max(0, column - 1) });
    return pos.line === null ? undefined : { line: pos.line, column: pos.column + 1 };
  }

  /** V8's frame text (`Type.name [as method] (location)`), with eval's names for anonymous functions undone. */
  private describe(site: CallSite, location: string): string {
    let fn = site.getFunctionName();
    if (fn === "eval" && site.isEval()) fn = null;
    const prefix = site.isAsync?.() ? "async " : "";
    if (site.isPromiseAll?.()) return `${prefix}Promise.all (index ${site.getPromiseIndex?.() ?? 0})`;
    if (site.isConstructor()) return `${prefix}new ${fn || "<anonymous>"} (${location})`;
    if (!site.isToplevel()) {
      const type = site.getTypeName();
      const method = site.getMethodName();
      let name = "";
      if (fn) {
        if (type && !fn.startsWith(`${type}.`)) name += `${type}.`;
        name += fn;
        if (method && fn !== method && !fn.endsWith(`.${method}`)) name += ` [as ${method}]`;
      } else name = `${type ?? "Object"}.${method ?? "<anonymous>"}`;
      return `${prefix}${name} (${location})`;
    }
    return fn ? `${prefix}${fn} (${location})` : `${prefix}${location}`;
  }

  /** What Node prints for an exception nothing caught. */
  uncaught(value: unknown): string {
    if (value instanceof Error || (typeof value === "object" && value !== null && "stack" in value && "message" in value)) {
      const frame = this.userFrames(value)[0];
      return `${frame ? this.sourceHeader(frame) : ""}${inspectUncaught(value)}\n${NODE_VERSION_LINE(this.version)}`;
    }
    // Node also prints the throw's source line here; a thrown non-error carries no stack to find it from.
    const shown = typeof value === "object" && value !== null ? inspect(value) : `${String(value)}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)`;
    return `\n${shown}\n${NODE_VERSION_LINE(this.version)}`;
  }

  /** A SyntaxError in a file the program loads: Node's "file:line / source line / caret" header, found by parsing. */
  async uncaughtSyntaxError(error: SyntaxError): Promise<string> {
    const file = syntaxErrorSource.get(error);
    const loc = file ? await syntaxLocation(file.source).catch(() => undefined) : undefined;
    const line = loc && file ? file.source.split("\n")[loc.line - 1]?.replace(/\r$/, "") : undefined;
    const header = loc && file && line !== undefined ? `${file.path}:${loc.line}\n${line}\n${line.slice(0, loc.column).replace(/[^\t]/g, " ")}^\n\n` : "";
    return `${header}${inspectUncaught(error)}\n${NODE_VERSION_LINE(this.version)}`;
  }

  /** A rejection nothing handled: an Error is printed like an uncaught one; another value as Node words it. */
  unhandledRejection(reason: unknown): string {
    if (reason instanceof Error) return this.uncaught(reason);
    const shown = typeof reason === "string" ? reason : inspect(reason);
    return (
      "node:internal/process/promises:394\n      new UnhandledPromiseRejection(reason);\n      ^\n\n" +
      "UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, " +
      `or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${shown}". {\n  code: 'ERR_UNHANDLED_REJECTION'\n}\n${NODE_VERSION_LINE(this.version)}`
    );
  }

  /** `file:line`, the source line, and a caret under the throw (Node points at the `throw` statement). */
  private sourceHeader(frame: Frame): string {
    const text = this.files.read(frame.path);
    const source = text?.split("\n")[frame.line - 1]?.replace(/\r$/, "");
    if (source === undefined) return "";
    let column = frame.column - 1;
    const before = source.slice(0, column);
    // CommonJS: V8 reports the throw statement, as Node shows it; ES modules: where the error was made.
    const esm = this.files.isEsm(frame.path);
    const throwAt = before.lastIndexOf("throw ");
    if (!esm && throwAt !== -1 && /^\s*(new\s+)?$/.test(before.slice(throwAt + 6))) column = throwAt;
    const url = esm ? `file://${frame.path}` : frame.path;
    return `${url}:${frame.line}\n${source}\n${source.slice(0, column).replace(/[^\t]/g, " ")}^\n\n`;
  }
}

/** The file an eval'd function came from: its `//# sourceURL` (V8 puts it in the eval origin). */
function evalSource(origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  const m = /^(\/[^\s()]+)$/.exec(origin) ?? /\((\/[^\s()]+?)(?::\d+:\d+)?\)/.exec(origin);
  return m?.[1];
}
