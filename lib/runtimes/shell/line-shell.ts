// An interactive shell over any runtime's spawn(): prompt, line editing, history, Ctrl+C (kills the running command),
// Ctrl+L/clear, paste of several lines, and `cd`/`export` that persist between commands. Output is converted to CRLF.
// While a command runs, what the person types goes to it a line at a time, echoed and editable with Backspace until
// Enter (a terminal's "cooked" mode; there is no PTY), and Ctrl+D ends its input.
import type { RuntimeProcess, ShellSession, SpawnOptions } from "../types";
import { applyKey, createEditor, renderLine, splitKeys, visibleWidth } from "./line-editor";

export interface LineShellOptions {
  id: string;
  spawn: (command: string, options: SpawnOptions) => RuntimeProcess;
  /** Project-relative ("" = root, shown as "~") or absolute. */
  cwd: string;
  env?: Record<string, string>;
  banner?: string;
  history?: string[];
  /** The terminal's size: programs the shell starts see it (process.stdout.columns/rows). */
  columns?: number;
  rows?: number;
}

const crlf = (text: string) => text.replace(/\r?\n/g, "\r\n");

export function createLineShell(options: LineShellOptions): ShellSession {
  const dataListeners = new Set<(data: string) => void>();
  const exitListeners = new Set<(code: number) => void>();
  const editor = createEditor(options.history);
  let cwd = options.cwd;
  let env: Record<string, string> = { ...(options.env ?? {}) };
  let running: RuntimeProcess | undefined;
  /** The running program reads raw keys (process.stdin.setRawMode(true)): keys go to it as typed, unechoed. */
  let raw = false;
  let pendingLines: string[] = [];
  /** The line being typed for the running command (sent on Enter). */
  let typed = "";
  let disposed = false;
  let lastExit = 0;
  let size = { columns: options.columns ?? 80, rows: options.rows ?? 24 };

  const emit = (data: string) => {
    for (const l of dataListeners) l(data);
  };
  const prompt = () => {
    const rel = cwd === "" ? "~" : cwd.startsWith("/") ? cwd : `~/${cwd}`;
    const mark = lastExit === 0 ? "\x1b[32m$\x1b[0m" : "\x1b[31m$\x1b[0m";
    return `\x1b[1;34m${rel}\x1b[0m ${mark} `;
  };
  /** The cursor's row below the prompt's, after the last render (a long line wraps). */
  let cursorRow = 0;
  const showPrompt = () => {
    const p = prompt();
    emit(`${p}${editor.line}`);
    const end = visibleWidth(p) + editor.line.length;
    cursorRow = Math.floor(end / size.columns);
    if (end > 0 && end % size.columns === 0) emit(" \r");
  };
  const redraw = () => {
    const rendered = renderLine(prompt(), editor, size.columns, cursorRow);
    cursorRow = rendered.cursorRow;
    emit(rendered.text);
  };

  const run = (line: string) => {
    const trimmed = line.trim();
    if (trimmed === "") return showPrompt();
    if (trimmed === "clear" || trimmed === "reset") {
      emit("\x1b[2J\x1b[3J\x1b[H");
      return showPrompt();
    }
    if (trimmed === "exit" || trimmed.startsWith("exit ")) {
      for (const l of exitListeners) l(Number(trimmed.slice(5)) || 0);
      return;
    }
    typed = "";
    const proc = options.spawn(line, {
      cwd,
      env,
      keyboard: true,
      ...size,
      onTtyMode: (on) => (raw = on),
      onOutput: (chunk) => emit(chunk.stream === "stderr" ? `\x1b[31m${crlf(chunk.data)}\x1b[0m` : crlf(chunk.data)),
    });
    running = proc;
    void proc.exit.then((status) => {
      running = undefined;
      raw = false;
      lastExit = status.exitCode;
      if (status.cwd !== undefined) cwd = status.cwd;
      if (status.env) env = status.env;
      if (status.killed === "signal") emit("^C\r\n");
      if (disposed) return;
      const next = pendingLines.shift();
      if (next !== undefined) {
        emit(`${prompt()}${next}\r\n`);
        run(next);
      } else showPrompt();
    });
  };

  const typeForCommand = (proc: RuntimeProcess, data: string) => {
    if (!proc.write) return;
    if (raw) return proc.write(data);
    for (const key of splitKeys(data.replace(/\r\n/g, "\r"))) {
      if (key === "\r" || key === "\n") {
        emit("\r\n");
        proc.write(`${typed}\n`);
        typed = "";
      } else if (key === "\x7f" || key === "\b") {
        const chars = Array.from(typed);
        if (chars.length === 0) continue;
        typed = chars.slice(0, -1).join("");
        emit("\b \b");
      } else if (key === "\x04") {
        // Ctrl+D: sends what is typed without a newline, or, on an empty line, ends the input.
        if (typed) proc.write(typed);
        else proc.endInput?.();
        typed = "";
      } else if (key >= " " && !key.startsWith("\x1b")) {
        typed += key;
        emit(key);
      }
    }
  };

  const session: ShellSession = {
    id: options.id,
    write(data: string) {
      if (disposed) return;
      if (running) {
        if (data.includes("\x03")) {
          pendingLines = [];
          running.kill();
        } else typeForCommand(running, data);
        return;
      }
      for (const key of splitKeys(data.replace(/\r\n/g, "\r"))) {
        if (running) {
          // Lines pasted after a command: run them one after another.
          if (key === "\r" || key === "\n") continue;
          pendingLines.push(key);
          continue;
        }
        const action = applyKey(editor, key);
        if (action.type === "edit") redraw();
        else if (action.type === "submit") {
          // Below the whole line (it may wrap onto rows under the cursor), then the command's output.
          const below = Math.floor((visibleWidth(prompt()) + action.line.length) / size.columns) - cursorRow;
          emit(`${below > 0 ? `\x1b[${below}B` : ""}\r\n`);
          cursorRow = 0;
          run(action.line);
        } else if (action.type === "interrupt") {
          cursorRow = 0;
          emit("^C\r\n");
          showPrompt();
        } else if (action.type === "clear") {
          emit("\x1b[2J\x1b[3J\x1b[H");
          cursorRow = 0;
          redraw();
        } else if (action.type === "eof") {
          for (const l of exitListeners) l(0);
        }
      }
    },
    resize(columns: number, rows: number) {
      size = { columns, rows };
      running?.resize?.(columns, rows);
    },
    onData(listener) {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    onExit(listener) {
      exitListeners.add(listener);
      return () => exitListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      running?.kill();
      dataListeners.clear();
      exitListeners.clear();
    },
  };
  queueMicrotask(() => {
    if (options.banner) emit(crlf(options.banner));
    showPrompt();
  });
  return session;
}
