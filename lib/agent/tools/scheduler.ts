// Orders the tool calls of one step: read-only calls run concurrently with each other; a call that changes something
// (write, edit, delete, rename, command) waits for every earlier call and every later call waits for it. So the
// results are those of running the calls in the order the model gave them, only faster.
import { READ_ONLY_TOOLS } from "./definitions";

export class ToolScheduler {
  /** Settles when every call scheduled so far has settled. */
  private all: Promise<unknown> = Promise.resolve();
  /** Settles when the last mutating call (and everything before it) has settled. */
  private lastWrite: Promise<unknown> = Promise.resolve();

  schedule<T>(toolName: string, run: () => Promise<T>): Promise<T> {
    const readOnly = READ_ONLY_TOOLS.has(toolName);
    const after = readOnly ? this.lastWrite : this.all;
    const result = after.then(run, run);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.all = Promise.all([this.all, settled]);
    if (!readOnly) this.lastWrite = this.all;
    return result;
  }
}
