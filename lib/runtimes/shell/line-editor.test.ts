import { describe, expect, it } from "vitest";
import { applyKey, createEditor, renderLine, splitKeys } from "./line-editor";

function type(keys: string[], history: string[] = []) {
  const s = createEditor(history);
  const actions = keys.flatMap((k) => splitKeys(k)).map((k) => applyKey(s, k));
  return { s, actions };
}

describe("line editor", () => {
  it("splits escape sequences, control keys and printable runs", () => {
    expect(splitKeys("ab\x1b[Dc\r")).toEqual(["ab", "\x1b[D", "c", "\r"]);
  });

  it("edits in the middle of a line and submits", () => {
    const { actions } = type(["ecoh", "\x1b[D", "\x7f", "\x1b[C", "o", "\x01", "x", "\x7f", "\r"]);
    expect(actions.at(-1)).toEqual({ type: "submit", line: "echo" });
  });

  it("walks history and restores the draft", () => {
    const s = createEditor(["ls", "pwd"]);
    applyKey(s, "x");
    applyKey(s, "\x1b[A");
    expect(s.line).toBe("pwd");
    applyKey(s, "\x1b[A");
    expect(s.line).toBe("ls");
    applyKey(s, "\x1b[B");
    applyKey(s, "\x1b[B");
    expect(s.line).toBe("x");
  });

  it("Ctrl+C interrupts, Ctrl+L clears, Ctrl+U and Ctrl+W delete", () => {
    const s = createEditor();
    applyKey(s, "npm run build");
    expect(applyKey(s, "\x17")).toEqual({ type: "edit" });
    expect(s.line).toBe("npm run ");
    applyKey(s, "\x15");
    expect(s.line).toBe("");
    expect(applyKey(s, "\x0c")).toEqual({ type: "clear" });
    applyKey(s, "abc");
    expect(applyKey(s, "\x03")).toEqual({ type: "interrupt" });
    expect(s.line).toBe("");
  });

  it("does not add duplicate or blank lines to history", () => {
    const s = createEditor();
    for (const line of ["ls", "ls", "  "]) {
      applyKey(s, line);
      applyKey(s, "\r");
    }
    expect(s.history).toEqual(["ls"]);
  });

  it("renders the cursor position", () => {
    const s = createEditor();
    applyKey(s, "abc");
    applyKey(s, "\x1b[D");
    expect(renderLine("$ ", s)).toEqual({ text: "\r$ abc\x1b[J\x1b[1D", cursorRow: 0 });
  });

  it("a line wider than the terminal is redrawn from the prompt's row, not once per wrapped row", () => {
    const s = createEditor();
    for (const ch of "abcdefghijkl") applyKey(s, ch);
    // "$ " + 12 characters on a 10-column terminal: two rows, the cursor at the end of the second.
    const first = renderLine("$ ", s, 10, 0);
    expect(first).toEqual({ text: "\r$ abcdefghijkl\x1b[J", cursorRow: 1 });
    applyKey(s, "m");
    // The next redraw goes up one row first, so the prompt is written once.
    expect(renderLine("\x1b[1;34m~\x1b[0m $ ", s, 10, first.cursorRow).text).toBe("\x1b[1A\r\x1b[1;34m~\x1b[0m $ abcdefghijklm\x1b[J");
    // Exactly at the edge the cursor is moved onto the next row, where it is counted.
    const edge = createEditor();
    for (const ch of "abcdefgh") applyKey(edge, ch);
    expect(renderLine("$ ", edge, 10, 0)).toEqual({ text: "\r$ abcdefgh\x1b[J \r", cursorRow: 1 });
    // The cursor moved back into the first row: up one, then across.
    applyKey(s, "\x1b[H");
    expect(renderLine("$ ", s, 10, 1)).toEqual({ text: "\x1b[1A\r$ abcdefghijklm\x1b[J\x1b[1A\r\x1b[2C", cursorRow: 0 });
  });
});
