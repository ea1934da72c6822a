// The terminal's shell while a command runs: typed lines go to the command, echoed and editable until Enter.
import { describe, expect, it } from "vitest";
import type { ExitStatus, RuntimeProcess, SpawnOptions } from "../types";
import { createLineShell } from "./line-shell";

function setup() {
  const sent: string[] = [];
  let ended = 0;
  let killed = 0;
  let finish: (status: ExitStatus) => void = () => {};
  const spawned: SpawnOptions[] = [];
  const resized: Array<[number, number]> = [];
  const shell = createLineShell({
    id: "t",
    cwd: "",
    columns: 100,
    rows: 30,
    spawn: (_command, options) => {
      spawned.push(options);
      const proc: RuntimeProcess = {
        exit: new Promise<ExitStatus>((resolve) => (finish = resolve)),
        kill: () => killed++,
        write: (data) => sent.push(data),
        endInput: () => ended++,
        resize: (columns, rows) => resized.push([columns, rows]),
      };
      return proc;
    },
  });
  let screen = "";
  shell.onData((d) => (screen += d));
  return { shell, sent, spawned, resized, screen: () => screen, ended: () => ended, killed: () => killed, finish: (code = 0) => finish({ exitCode: code, durationMs: 1 }) };
}

describe("line shell, input for a running command", () => {
  it("echoes what is typed, lets Backspace edit it, and sends the line on Enter", async () => {
    const t = setup();
    await Promise.resolve();
    t.shell.write("node ask.mjs\r");
    expect(t.spawned[0]?.keyboard).toBe(true);
    const before = t.screen().length;
    t.shell.write("Adx");
    t.shell.write("\x7f");
    t.shell.write("a\r");
    expect(t.sent).toEqual(["Ada\n"]);
    expect(t.screen().slice(before)).toBe("Adx\b \ba\r\n");
    t.shell.write("\x1b[A"); // arrows do nothing here
    t.shell.write("\x04"); // Ctrl+D on an empty line: end of input
    expect(t.ended()).toBe(1);
    t.shell.write("par\x04"); // Ctrl+D after text: the text goes without a newline
    expect(t.sent).toEqual(["Ada\n", "par"]);
    t.shell.write("\x03");
    expect(t.killed()).toBe(1);
  });

  it("still runs lines pasted at the prompt one after another instead of feeding them to the first", async () => {
    const t = setup();
    await Promise.resolve();
    t.shell.write("echo a\recho b\r");
    expect(t.sent).toEqual([]);
    t.finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(t.spawned.length).toBe(2);
  });

  it("passes the terminal's size to a command and its resizes while it runs; raw mode sends keys as typed", async () => {
    const t = setup();
    await Promise.resolve();
    t.shell.write("node keys.js\r");
    expect(t.spawned[0]).toMatchObject({ columns: 100, rows: 30 });
    t.shell.resize(120, 40);
    expect(t.resized).toEqual([[120, 40]]);
    // The program called process.stdin.setRawMode(true): every key goes to it at once, nothing is echoed.
    t.spawned[0]?.onTtyMode?.(true);
    const before = t.screen().length;
    t.shell.write("a");
    t.shell.write("\x1b[A");
    t.shell.write("\r");
    expect(t.sent).toEqual(["a", "\x1b[A", "\r"]);
    expect(t.screen().slice(before)).toBe("");
    // Ctrl+C still stops it (a program that reads raw keys and ignores it could not be stopped otherwise).
    t.shell.write("\x03");
    expect(t.killed()).toBe(1);
    // Back to cooked: lines again.
    t.spawned[0]?.onTtyMode?.(false);
    t.shell.write("hi\r");
    expect(t.sent.at(-1)).toBe("hi\n");
  });
});
