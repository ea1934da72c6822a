// node:events — the EventEmitter programs and `process` use, shaped as Node's: a constructor function (so the many
// libraries that write `EventEmitter.call(this)` and util.inherits work), listeners in `_events` (a null-prototype
// object holding one function or an array, which some libraries read), `_eventsCount`, `_maxListeners`, Node's
// ERR_UNHANDLED_ERROR and MaxListenersExceededWarning. Written here because process needs it before any chunk loads.
import { inspect } from "./util";

type Listener = ((...args: unknown[]) => void) & { listener?: Listener };
type Events = Record<string | symbol, Listener | Listener[]>;

interface Emitter {
  _events: Events;
  _eventsCount: number;
  _maxListeners: number | undefined;
  [key: symbol]: unknown;
}

/** Where warnings go (process.emitWarning of the running program; set by node-process.ts). */
let warn: (warning: Error) => void = () => {};
export function setWarningSink(sink: (warning: Error) => void): void {
  warn = sink;
}

export const errorMonitor = Symbol("events.errorMonitor");
const kShapeMode = Symbol("shapeMode");
const kCapture = Symbol("kCapture");
/** Events each emitter already warned about (kept out of the emitter: Node shows no such property). */
const warnedAbout = new WeakMap<object, Set<string | symbol>>();

export interface EventEmitter {
  on(event: string | symbol, fn: (...args: never[]) => void): this;
  addListener(event: string | symbol, fn: (...args: never[]) => void): this;
  prependListener(event: string | symbol, fn: (...args: never[]) => void): this;
  once(event: string | symbol, fn: (...args: never[]) => void): this;
  prependOnceListener(event: string | symbol, fn: (...args: never[]) => void): this;
  off(event: string | symbol, fn: (...args: never[]) => void): this;
  removeListener(event: string | symbol, fn: (...args: never[]) => void): this;
  removeAllListeners(event?: string | symbol): this;
  emit(event: string | symbol, ...args: unknown[]): boolean;
  listenerCount(event: string | symbol): number;
  listeners(event: string | symbol): Listener[];
  rawListeners(event: string | symbol): Listener[];
  eventNames(): Array<string | symbol>;
  setMaxListeners(n: number): this;
  getMaxListeners(): number;
}

interface EventEmitterConstructor {
  new (): EventEmitter;
  (this: unknown): void;
  prototype: EventEmitter;
  defaultMaxListeners: number;
  errorMonitor: symbol;
  init(this: unknown): void;
}

export const EventEmitter = function EventEmitter(this: unknown) {
  (EventEmitter as unknown as EventEmitterConstructor).init.call(this);
} as unknown as EventEmitterConstructor;

EventEmitter.defaultMaxListeners = 10;
EventEmitter.errorMonitor = errorMonitor;
EventEmitter.init = function init(this: unknown) {
  const self = this as Emitter;
  if (self._events === undefined || self._events === Object.getPrototypeOf(self)._events) {
    self._events = Object.create(null) as Events;
    self._eventsCount = 0;
  }
  self._maxListeners = self._maxListeners ?? undefined;
  self[kShapeMode] = false;
  self[kCapture] = false;
};

const state = (e: unknown) => {
  const self = e as Emitter;
  if (!self._events) EventEmitter.init.call(self);
  return self;
};

function list(self: Emitter, event: string | symbol): Listener[] {
  const entry = self._events[event];
  return entry === undefined ? [] : typeof entry === "function" ? [entry] : entry;
}

function store(self: Emitter, event: string | symbol, listeners: Listener[]): void {
  const had = self._events[event] !== undefined;
  if (listeners.length === 0) {
    if (had) {
      delete self._events[event];
      self._eventsCount--;
    }
    return;
  }
  self._events[event] = listeners.length === 1 ? (listeners[0] as Listener) : listeners;
  if (!had) self._eventsCount++;
}

function add(e: unknown, event: string | symbol, fn: Listener, prepend: boolean): EventEmitter {
  if (typeof fn !== "function")
    throw Object.assign(new TypeError(`The "listener" argument must be of type function. Received ${fn === null ? "null" : typeof fn}`), { code: "ERR_INVALID_ARG_TYPE" });
  const self = state(e);
  // Node emits 'newListener' before adding.
  if (self._events.newListener !== undefined) (e as EventEmitter).emit("newListener", event, fn.listener ?? fn);
  const listeners = list(self, event);
  store(self, event, prepend ? [fn, ...listeners] : [...listeners, fn]);
  const count = listeners.length + 1;
  const max = (e as EventEmitter).getMaxListeners();
  let warned = warnedAbout.get(self);
  if (!warned) warnedAbout.set(self, (warned = new Set()));
  if (max > 0 && count > max && !warned.has(event)) {
    warned.add(event);
    const name = typeof event === "symbol" ? event.toString() : event;
    const ctor = (e as { constructor?: { name?: string } }).constructor?.name ?? "EventEmitter";
    warn(
      Object.assign(
        new Error(`Possible EventEmitter memory leak detected. ${count} ${name} listeners added to [${ctor}]. MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`),
        { name: "MaxListenersExceededWarning", emitter: e, type: event, count },
      ),
    );
  }
  return e as EventEmitter;
}

function onceWrapper(e: unknown, event: string | symbol, fn: Listener): Listener {
  let fired = false;
  const wrapped: Listener = function (this: unknown, ...args: unknown[]) {
    if (fired) return;
    fired = true;
    (e as EventEmitter).removeListener(event, wrapped);
    fn.apply(this, args);
  };
  wrapped.listener = fn;
  return wrapped;
}

Object.assign(EventEmitter.prototype, {
  on(this: unknown, event: string | symbol, fn: Listener) {
    return add(this, event, fn, false);
  },
  addListener(this: unknown, event: string | symbol, fn: Listener) {
    return add(this, event, fn, false);
  },
  prependListener(this: unknown, event: string | symbol, fn: Listener) {
    return add(this, event, fn, true);
  },
  once(this: unknown, event: string | symbol, fn: Listener) {
    return add(this, event, onceWrapper(this, event, fn), false);
  },
  prependOnceListener(this: unknown, event: string | symbol, fn: Listener) {
    return add(this, event, onceWrapper(this, event, fn), true);
  },
  removeListener(this: unknown, event: string | symbol, fn: Listener) {
    const self = state(this);
    const listeners = list(self, event);
    // The most recently added match goes first, as in Node.
    for (let i = listeners.length - 1; i >= 0; i--) {
      const l = listeners[i] as Listener;
      if (l === fn || l.listener === fn) {
        store(self, event, [...listeners.slice(0, i), ...listeners.slice(i + 1)]);
        if (self._events.removeListener !== undefined) (this as EventEmitter).emit("removeListener", event, fn);
        break;
      }
    }
    return this;
  },
  off(this: EventEmitter, event: string | symbol, fn: Listener) {
    return this.removeListener(event, fn);
  },
  removeAllListeners(this: unknown, event?: string | symbol) {
    const self = state(this);
    if (event === undefined) {
      self._events = Object.create(null) as Events;
      self._eventsCount = 0;
    } else store(self, event, []);
    return this;
  },
  emit(this: unknown, event: string | symbol, ...args: unknown[]) {
    const self = state(this);
    if (event === "error") for (const l of list(self, errorMonitor)) l.apply(this, args);
    const listeners = list(self, event);
    if (listeners.length === 0) {
      if (event === "error") {
        if (args[0] instanceof Error) throw args[0];
        throw Object.assign(new Error(`Unhandled error. (${inspect(args[0])})`), { code: "ERR_UNHANDLED_ERROR", context: args[0] });
      }
      return false;
    }
    for (const l of [...listeners]) l.apply(this, args);
    return true;
  },
  listenerCount(this: unknown, event: string | symbol) {
    return list(state(this), event).length;
  },
  listeners(this: unknown, event: string | symbol) {
    return list(state(this), event).map((l) => l.listener ?? l);
  },
  rawListeners(this: unknown, event: string | symbol) {
    return [...list(state(this), event)];
  },
  eventNames(this: unknown) {
    return Reflect.ownKeys(state(this)._events);
  },
  setMaxListeners(this: unknown, n: number) {
    state(this)._maxListeners = n;
    return this;
  },
  getMaxListeners(this: unknown) {
    return state(this)._maxListeners ?? EventEmitter.defaultMaxListeners;
  },
});
// Node's prototype methods are not enumerable (util.inspect of an emitter shows its own state only).
for (const key of Object.keys(EventEmitter.prototype)) Object.defineProperty(EventEmitter.prototype, key, { enumerable: false });
Object.defineProperty(EventEmitter.prototype, "_events", { value: undefined, writable: true, enumerable: false });
Object.defineProperty(EventEmitter.prototype, "_eventsCount", { value: 0, writable: true, enumerable: false });
Object.defineProperty(EventEmitter.prototype, "_maxListeners", { value: undefined, writable: true, enumerable: false });

export function once(emitter: EventEmitter, event: string | symbol): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const onError = (error: unknown) => {
      emitter.off(event, onEvent);
      reject(error);
    };
    const onEvent = (...args: unknown[]) => {
      if (event !== "error") emitter.off("error", onError);
      resolve(args);
    };
    emitter.once(event, onEvent);
    if (event !== "error") emitter.once("error", onError);
  });
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

export const eventsModule = Object.assign(EventEmitter, {
  EventEmitter,
  once,
  on,
  getEventListeners,
  errorMonitor,
  listenerCount: (emitter: EventEmitter, event: string | symbol) => emitter.listenerCount(event),
  default: EventEmitter,
});
