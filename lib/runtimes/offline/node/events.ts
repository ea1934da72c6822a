// node:events — the EventEmitter that programs and process use. Hand-written (small, and process needs it before
// any chunk loads); its messages, codes and the max-listeners warning follow Node's.
import { inspect } from "./util";

type Listener = (...args: unknown[]) => void;

/** Where warnings go (process.emitWarning of the running program; set by node-process.ts). */
let warn: (warning: Error) => void = () => {};
export function setWarningSink(sink: (warning: Error) => void): void {
  warn = sink;
}

export const errorMonitor = Symbol("events.errorMonitor");

export class EventEmitter {
  private handlers = new Map<string | symbol, Array<{ fn: Listener; once: boolean }>>();
  private maxListeners: number | undefined;
  private warned = new Set<string | symbol>();
  static defaultMaxListeners = 10;
  static readonly errorMonitor = errorMonitor;

  on(event: string | symbol, fn: Listener): this {
    const list = this.handlers.get(event) ?? [];
    list.push({ fn, once: false });
    this.handlers.set(event, list);
    this.checkLeak(event, list.length);
    return this;
  }

  /** Node's MaxListenersExceededWarning, once per event name. */
  private checkLeak(event: string | symbol, count: number): void {
    const max = this.getMaxListeners();
    if (max <= 0 || count <= max || this.warned.has(event)) return;
    this.warned.add(event);
    const name = typeof event === "symbol" ? event.toString() : event;
    const warning = Object.assign(
      new Error(`Possible EventEmitter memory leak detected. ${count} ${name} listeners added to [${this.constructor.name}]. MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`),
      { name: "MaxListenersExceededWarning", emitter: this, type: event, count },
    );
    warn(warning);
  }
  addListener(event: string | symbol, fn: Listener): this {
    return this.on(event, fn);
  }
  prependListener(event: string | symbol, fn: Listener): this {
    this.handlers.set(event, [{ fn, once: false }, ...(this.handlers.get(event) ?? [])]);
    return this;
  }
  once(event: string | symbol, fn: Listener): this {
    const list = this.handlers.get(event) ?? [];
    list.push({ fn, once: true });
    this.handlers.set(event, list);
    this.checkLeak(event, list.length);
    return this;
  }
  prependOnceListener(event: string | symbol, fn: Listener): this {
    this.handlers.set(event, [{ fn, once: true }, ...(this.handlers.get(event) ?? [])]);
    return this;
  }
  off(event: string | symbol, fn: Listener): this {
    const list = this.handlers.get(event);
    if (list) this.handlers.set(event, list.filter((h) => h.fn !== fn));
    return this;
  }
  removeListener(event: string | symbol, fn: Listener): this {
    return this.off(event, fn);
  }
  removeAllListeners(event?: string | symbol): this {
    if (event === undefined) this.handlers.clear();
    else this.handlers.delete(event);
    return this;
  }
  emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === "error") for (const h of this.handlers.get(errorMonitor) ?? []) h.fn.apply(this, args);
    const list = this.handlers.get(event);
    if (!list || list.length === 0) {
      if (event === "error") {
        if (args[0] instanceof Error) throw args[0];
        throw Object.assign(new Error(`Unhandled error. (${inspect(args[0])})`), { code: "ERR_UNHANDLED_ERROR", context: args[0] });
      }
      return false;
    }
    this.handlers.set(event, list.filter((h) => !h.once));
    for (const h of list) h.fn.apply(this, args);
    return true;
  }
  listenerCount(event: string | symbol): number {
    return this.handlers.get(event)?.length ?? 0;
  }
  listeners(event: string | symbol): Listener[] {
    return (this.handlers.get(event) ?? []).map((h) => h.fn);
  }
  eventNames(): Array<string | symbol> {
    return [...this.handlers.keys()];
  }
  rawListeners(event: string | symbol): Listener[] {
    return this.listeners(event);
  }
  setMaxListeners(n: number): this {
    this.maxListeners = n;
    return this;
  }
  getMaxListeners(): number {
    return this.maxListeners ?? EventEmitter.defaultMaxListeners;
  }
}

/** events.getEventListeners(emitter, name): an EventEmitter's listeners, or an EventTarget's (none are visible). */
export function getEventListeners(emitter: unknown, event: string | symbol): Listener[] {
  return emitter instanceof EventEmitter ? emitter.listeners(event) : [];
}

/** events.on(emitter, name): the emitted values as an async iterator (an 'error' event rejects it). */
export function on(emitter: EventEmitter, event: string | symbol): AsyncIterableIterator<unknown[]> {
  const queue: unknown[][] = [];
  const waiting: Array<{ resolve: (r: IteratorResult<unknown[]>) => void; reject: (e: unknown) => void }> = [];
  let failed: unknown;
  const onEvent = (...args: unknown[]) => {
    const next = waiting.shift();
    if (next) next.resolve({ value: args, done: false });
    else queue.push(args);
  };
  const onError = (error: unknown) => {
    failed = error;
    waiting.shift()?.reject(error);
  };
  emitter.on(event, onEvent);
  if (event !== "error") emitter.on("error", onError);
  const stop = () => {
    emitter.off(event, onEvent);
    emitter.off("error", onError);
  };
  return {
    next: () => {
      if (queue.length) return Promise.resolve({ value: queue.shift() as unknown[], done: false });
      if (failed !== undefined) return Promise.reject(failed);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return: () => (stop(), Promise.resolve({ value: undefined, done: true })),
    throw: (error: unknown) => (stop(), Promise.reject(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export function once(emitter: EventEmitter, event: string): Promise<unknown[]> {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
}

export const eventsModule = Object.assign(EventEmitter, {
  EventEmitter,
  once,
  on,
  getEventListeners,
  errorMonitor,
  listenerCount: (emitter: EventEmitter, event: string | symbol) => emitter.listenerCount(event),
  default: EventEmitter,
});
