// node:events — the EventEmitter that programs and process use.
type Listener = (...args: unknown[]) => void;

export class EventEmitter {
  private handlers = new Map<string | symbol, Array<{ fn: Listener; once: boolean }>>();
  static defaultMaxListeners = 10;

  on(event: string | symbol, fn: Listener): this {
    const list = this.handlers.get(event) ?? [];
    list.push({ fn, once: false });
    this.handlers.set(event, list);
    return this;
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
    const list = this.handlers.get(event);
    if (!list || list.length === 0) {
      if (event === "error") throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error. (${String(args[0])})`);
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
  setMaxListeners(): this {
    return this;
  }
  getMaxListeners(): number {
    return EventEmitter.defaultMaxListeners;
  }
}

export function once(emitter: EventEmitter, event: string): Promise<unknown[]> {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
}

export const eventsModule = Object.assign(EventEmitter, { EventEmitter, once, default: EventEmitter });
