// What a person types into the terminal while a command runs: the running program's standard input. Lines arrive as
// they are entered (the terminal edits a line until Enter), Ctrl+D ends the input. What arrives before the program
// listens is kept for it, as a terminal buffers type-ahead.

export class KeyboardInput {
  private buffered: string[] = [];
  private ended = false;
  private listener: ((data: string) => void) | null = null;
  private endListener: (() => void) | null = null;

  push(data: string): void {
    if (this.ended || data === "") return;
    if (this.listener) this.listener(data);
    else this.buffered.push(data);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.listener) this.endListener?.();
  }

  /** One reader (the program's stdin): gets what was typed so far, then every later line, then the end. */
  read(onData: (data: string) => void, onEnd: () => void): void {
    this.listener = onData;
    this.endListener = onEnd;
    for (const data of this.buffered.splice(0)) onData(data);
    if (this.ended) onEnd();
  }
}
