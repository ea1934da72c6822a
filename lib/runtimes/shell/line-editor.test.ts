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
    expect(renderLine("$ ", s)).toBe("\r$ abc\x1b[K\x1b[1D");
  });
});
