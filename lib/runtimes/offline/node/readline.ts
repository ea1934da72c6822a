// node:readline and node:readline/promises over any readable input (process.stdin, fs.createReadStream): 'line'
// events, question(), prompt(), 'close' at the end of the input, and `for await (const line of rl)`. Follows Node's
// own algorithm (lib/internal/readline/interface.js) for splitting lines and answering questions. There is no
// keyboard here: input is what was piped in, so a question asked after the input ended is never answered — as in
// Node at EOF the interface closes and the program ends (an awaited question at top level then exits 13).
import { EventEmitter } from "./events";
import { nodeError } from "./node-error";

type Listener = (...args: unknown[]) => void;

interface Input {
  on(event: string, fn: Listener): unknown;
  removeListener(event: string, fn: Listener): unknown;
  pause?(): unknown;
  resume?(): unknown;
}

interface Output {
  write(text: string): unknown;
}

export interface InterfaceOptions {
  input: Input;
  output?: Output | null;
  prompt?: string;
  terminal?: boolean;
  crlfDelay?: number;
  historySize?: number;
  completer?: unknown;
  signal?: AbortSignal;
}

const LINE_ENDING = /\r?\n|\r(?!\n)/g;

function isOptions(value: unknown): value is InterfaceOptions {
  return typeof value === "object" && value !== null && "input" in value;
}

export class Interface extends EventEmitter {
  readonly terminal = false;
  readonly input: Input;
  readonly output: Output | null | undefined;
  line = "";
  cursor = 0;
  history: string[] = [];
  #closed = false;
  #paused = false;
  #prompt: string;
  #oldPrompt = "";
  #buffer: string | null = null;
  #sawReturn = false;
  #decoder = new TextDecoder();
  #question: ((answer: string) => void) | null = null;
  readonly #onData: Listener;
  readonly #onEnd: Listener;
  readonly #onError: Listener;

  constructor(input: Input | InterfaceOptions, output?: Output | null, _completer?: unknown, _terminal?: boolean) {
    super();
    const options: InterfaceOptions = isOptions(input) ? input : { input, output };
    this.input = options.input;
    this.output = options.output;
    this.#prompt = options.prompt ?? "> ";
    this.#onData = (chunk) => this.#write(chunk);
    this.#onEnd = () => {
      // Node emits the last, unterminated line as a plain 'line' event: it never answers a pending question.
      if (this.#buffer) this.emit("line", this.#buffer);
      this.#buffer = null;
      this.close();
    };
    this.#onError = (error) => this.emit("error", error);
    this.input.on("error", this.#onError);
    this.input.on("data", this.#onData);
    this.input.on("end", this.#onEnd);
    this.once("close", () => {
      this.input.removeListener("data", this.#onData);
      this.input.removeListener("error", this.#onError);
      this.input.removeListener("end", this.#onEnd);
    });
    options.signal?.addEventListener("abort", () => this.close(), { once: true });
    this.input.resume?.();
  }

  /** Splits new input into lines the way Node does: \n, \r\n and a lone \r all end a line. */
  #write(chunk: unknown): void {
    if (chunk === undefined || chunk === null) return;
    let text = typeof chunk === "string" ? chunk : this.#decoder.decode(chunk as Uint8Array, { stream: true });
    if (this.#sawReturn) {
      if (text.startsWith("\n")) text = text.slice(1);
      this.#sawReturn = false;
    }
    LINE_ENDING.lastIndex = 0;
    if (!LINE_ENDING.test(text)) {
      if (text) this.#buffer = (this.#buffer ?? "") + text;
      return;
    }
    if (this.#buffer) text = this.#buffer + text;
    this.#buffer = null;
    this.#sawReturn = text.endsWith("\r");
    const lines = text.split(/\r?\n|\r(?!\n)/);
    this.#buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (this.#closed) return;
      this.#onLine(line);
    }
  }

  #onLine(line: string): void {
    const answer = this.#question;
    if (answer) {
      this.#question = null;
      this.setPrompt(this.#oldPrompt);
      answer(line);
    } else {
      this.emit("line", line);
    }
  }

  setPrompt(prompt: string): void {
    this.#prompt = prompt;
  }

  getPrompt(): string {
    return this.#prompt;
  }

  prompt(): void {
    if (this.#paused) this.resume();
    this.output?.write(this.#prompt);
  }

  question(query: string, optionsOrCallback: unknown, callback?: (answer: string) => void): void {
    const cb = typeof optionsOrCallback === "function" ? (optionsOrCallback as (answer: string) => void) : callback;
    if (this.#closed) throw nodeError(Error, "ERR_USE_AFTER_CLOSE", "readline was closed");
    if (typeof cb !== "function") return;
    if (this.#question) {
      this.prompt();
      return;
    }
    this.#oldPrompt = this.#prompt;
    this.setPrompt(query);
    this.#question = cb;
    this.prompt();
  }

  /** As if the text had been typed: it is read as input. */
  write(data: unknown): void {
    if (this.#closed) throw nodeError(Error, "ERR_USE_AFTER_CLOSE", "readline was closed");
    if (this.#paused) this.resume();
    this.#write(data);
  }

  pause(): this {
    if (this.#paused) return this;
    this.input.pause?.();
    this.#paused = true;
    this.emit("pause");
    return this;
  }

  resume(): this {
    if (!this.#paused) return this;
    this.input.resume?.();
    this.#paused = false;
    this.emit("resume");
    return this;
  }

  close(): void {
    if (this.#closed) return;
    this.pause();
    this.#closed = true;
    this.emit("close");
  }

  getCursorPos(): { rows: number; cols: number } {
    return { rows: 0, cols: this.cursor };
  }

  /** Lines from now on, ending at 'close' (Node builds this with events.on(rl, "line")). */
  [Symbol.asyncIterator](): AsyncIterableIterator<string> {
    const queued: string[] = [];
    const waiting: Array<(r: IteratorResult<string>) => void> = [];
    let done = this.#closed;
    const onLine: Listener = (line) => {
      const next = waiting.shift();
      if (next) next({ value: String(line), done: false });
      else queued.push(String(line));
    };
    const onClose: Listener = () => {
      done = true;
      for (const next of waiting.splice(0)) next({ value: undefined, done: true });
      detach();
    };
    const detach = () => {
      this.removeListener("line", onLine);
      this.removeListener("close", onClose);
    };
    if (!done) {
      this.on("line", onLine);
      this.on("close", onClose);
    }
    const iterator: AsyncIterableIterator<string> = {
      next: () => {
        const line = queued.shift();
        if (line !== undefined) return Promise.resolve({ value: line, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: () => {
        done = true;
        detach();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}

/** readline/promises: question() returns a promise. */
export class PromisesInterface extends Interface {
  override question(query: string, options?: unknown): Promise<string> {
    const signal = (options as { signal?: AbortSignal } | undefined)?.signal;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(nodeError(Error, "ABORT_ERR", "The operation was aborted", "AbortError"));
      signal?.addEventListener("abort", () => reject(nodeError(Error, "ABORT_ERR", "The operation was aborted", "AbortError")), { once: true });
      super.question(query, resolve);
    });
  }
}

// Cursor helpers act on a TTY; the offline terminal gives programs none, so they only report success like Node does
// for a stream that is not a TTY.
const noTty = (_stream?: unknown, ...rest: unknown[]) => {
  const cb = rest.find((a) => typeof a === "function") as (() => void) | undefined;
  if (cb) queueMicrotask(cb);
  return true;
};

export const readlinePromises = {
  Interface: PromisesInterface,
  createInterface: (input: Input | InterfaceOptions, output?: Output | null) => new PromisesInterface(input, output),
};

export const readlineModule = {
  Interface,
  createInterface: (input: Input | InterfaceOptions, output?: Output | null) => new Interface(input, output),
  clearLine: noTty,
  clearScreenDown: noTty,
  cursorTo: noTty,
  moveCursor: noTty,
  emitKeypressEvents: () => undefined,
  promises: readlinePromises,
};
