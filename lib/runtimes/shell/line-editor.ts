// Line editing for terminals on runtimes without a TTY (the offline runtime): the keys people expect from bash's
// readline — arrows, Home/End, history, Ctrl+A/E/U/K/W, Backspace/Delete — as a pure state machine that returns
// what to draw. Pasted text arrives as one chunk and may hold several lines.

export interface EditorState {
  line: string;
  cursor: number;
  history: string[];
  /** Position while browsing history; history.length = the line being typed. */
  historyIndex: number;
  draft: string;
}

export type KeyAction =
  | { type: "edit" }
  | { type: "submit"; line: string }
  | { type: "interrupt" }
  | { type: "clear" }
  | { type: "eof" }
  | { type: "complete" }
  | { type: "none" };

export function createEditor(history: string[] = []): EditorState {
  return { line: "", cursor: 0, history, historyIndex: history.length, draft: "" };
}

/** Splits raw terminal input into keys (escape sequences stay whole; printable runs stay together). */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < data.length) {
    const ch = data[i] as string;
    if (ch === "\x1b") {
      const m = data.slice(i).match(/^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z]|.)?/);
      const seq = m?.[0] ?? ch;
      keys.push(seq);
      i += seq.length;
    } else if (ch < " " || ch === "\x7f") {
      keys.push(ch);
      i++;
    } else {
      let j = i;
      while (j < data.length && (data[j] as string) >= " " && data[j] !== "\x7f" && data[j] !== "\x1b") j++;
      keys.push(data.slice(i, j));
      i = j;
    }
  }
  return keys;
}

export function applyKey(s: EditorState, key: string): KeyAction {
  const set = (line: string, cursor: number): KeyAction => {
    s.line = line;
    s.cursor = Math.max(0, Math.min(cursor, line.length));
    return { type: "edit" };
  };
  switch (key) {
    case "\r":
    case "\n": {
      const line = s.line;
      if (line.trim() && s.history[s.history.length - 1] !== line) s.history.push(line);
      if (s.history.length > 500) s.history.splice(0, s.history.length - 500);
      s.line = "";
      s.cursor = 0;
      s.historyIndex = s.history.length;
      s.draft = "";
      return { type: "submit", line };
    }
    case "\x03":
      s.line = "";
      s.cursor = 0;
      s.historyIndex = s.history.length;
      return { type: "interrupt" };
    case "\x0c":
      return { type: "clear" };
    case "\x04":
      return s.line === "" ? { type: "eof" } : set(s.line.slice(0, s.cursor) + s.line.slice(s.cursor + 1), s.cursor);
    case "\t":
      return { type: "complete" };
    case "\x7f":
    case "\b":
      if (s.cursor === 0) return { type: "none" };
      return set(s.line.slice(0, s.cursor - 1) + s.line.slice(s.cursor), s.cursor - 1);
    case "\x1b[3~":
      return set(s.line.slice(0, s.cursor) + s.line.slice(s.cursor + 1), s.cursor);
    case "\x1b[D":
    case "\x02":
      return set(s.line, s.cursor - 1);
    case "\x1b[C":
    case "\x06":
      return set(s.line, s.cursor + 1);
    case "\x1b[H":
    case "\x1bOH":
    case "\x1b[1~":
    case "\x01":
      return set(s.line, 0);
    case "\x1b[F":
    case "\x1bOF":
    case "\x1b[4~":
    case "\x05":
      return set(s.line, s.line.length);
    case "\x15":
      return set(s.line.slice(s.cursor), 0);
    case "\x0b":
      return set(s.line.slice(0, s.cursor), s.cursor);
    case "\x17": {
      const before = s.line.slice(0, s.cursor).replace(/\S+\s*$/, "");
      return set(before + s.line.slice(s.cursor), before.length);
    }
    case "\x1b[A":
    case "\x10":
      if (s.historyIndex === 0) return { type: "none" };
      if (s.historyIndex === s.history.length) s.draft = s.line;
      s.historyIndex--;
      return set(s.history[s.historyIndex] ?? "", Infinity);
    case "\x1b[B":
    case "\x0e":
      if (s.historyIndex >= s.history.length) return { type: "none" };
      s.historyIndex++;
      return set(s.historyIndex === s.history.length ? s.draft : (s.history[s.historyIndex] ?? ""), Infinity);
  }
  if (key.startsWith("\x1b") || (key.length === 1 && key < " ")) return { type: "none" };
  return set(s.line.slice(0, s.cursor) + key + s.line.slice(s.cursor), s.cursor + key.length);
}

/** ANSI to redraw the prompt line with the cursor in place. */
/** Characters a string takes on screen (ANSI escapes take none). */
export function visibleWidth(text: string): number {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").length;
}

export interface RenderedLine {
  text: string;
  /** The row of the cursor, counted from the prompt's row (the next render starts by going back up this far). */
  cursorRow: number;
}

/**
 * Redraws the prompt and the line being edited. A line longer than the terminal wraps onto more rows, so the redraw
 * first goes back up to the prompt's row (`fromRow`, what the previous render returned) and clears everything after
 * it; redrawing from the current row only left a copy of the prompt on every row the line had wrapped onto.
 */
export function renderLine(prompt: string, s: EditorState, columns = Number.POSITIVE_INFINITY, fromRow = 0): RenderedLine {
  const cols = Math.max(1, columns);
  const promptWidth = visibleWidth(prompt);
  const end = promptWidth + s.line.length;
  let text = `${fromRow > 0 ? `\x1b[${fromRow}A` : ""}\r${prompt}${s.line}\x1b[J`;
  const endRow = Number.isFinite(cols) ? Math.floor(end / cols) : 0;
  // At the right edge the terminal holds the cursor on the last column until the next character: take that wrap
  // now, so the cursor is on the row counted here.
  if (Number.isFinite(cols) && end > 0 && end % cols === 0) text += " \r";
  const at = promptWidth + s.cursor;
  if (at === end) return { text, cursorRow: endRow };
  if (!Number.isFinite(cols)) return { text: `${text}\x1b[${end - at}D`, cursorRow: 0 };
  const row = Math.floor(at / cols);
  const column = at % cols;
  text += `${endRow > row ? `\x1b[${endRow - row}A` : ""}\r${column > 0 ? `\x1b[${column}C` : ""}`;
  return { text, cursorRow: row };
}
