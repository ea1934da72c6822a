// How a Sync child_process call blocks its process, as Node's does: the process Worker hands the shell a
// SharedArrayBuffer and waits on it with Atomics.wait; the shell writes the result there (JSON, growing the buffer
// when it is longer) and wakes it. Needs cross-origin isolation (the sandbox page has it: Document-Isolation-Policy).
const HEADER = 8;

export function canBlock(): boolean {
  return typeof SharedArrayBuffer === "function" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
}

/** Parent side: a buffer to send, and the wait for what the shell writes into it. */
export function createSyncBuffer(): SharedArrayBuffer {
  const Growable = SharedArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => SharedArrayBuffer;
  return new Growable(HEADER + (1 << 16), { maxByteLength: HEADER + (256 << 20) });
}

export function waitForResult<T>(buffer: SharedArrayBuffer, timeoutMs?: number): T {
  const header = new Int32Array(buffer, 0, 2);
  Atomics.wait(header, 0, 0, timeoutMs ?? Infinity);
  if (Atomics.load(header, 0) !== 1) throw Object.assign(new Error("spawnSync: the child did not answer in time"), { code: "ETIMEDOUT" });
  const length = header[1] as number;
  return JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, HEADER, length).slice())) as T;
}

/** Shell side: writes the result and wakes the waiting process. */
export function answer(buffer: SharedArrayBuffer, result: unknown): void {
  let bytes = new TextEncoder().encode(JSON.stringify(result));
  const growable = buffer as SharedArrayBuffer & { grow?: (n: number) => void; maxByteLength?: number };
  if (HEADER + bytes.length > buffer.byteLength) {
    const max = growable.maxByteLength ?? buffer.byteLength;
    if (growable.grow && HEADER + bytes.length <= max) growable.grow(HEADER + bytes.length);
    else bytes = new TextEncoder().encode(JSON.stringify({ code: 1, signal: null, stdout: "", stderr: "", entries: [], error: { code: "ENOBUFS", message: "spawnSync: the output is too large" } }));
  }
  new Uint8Array(buffer, HEADER, bytes.length).set(bytes);
  const header = new Int32Array(buffer, 0, 2);
  header[1] = bytes.length;
  Atomics.store(header, 0, 1);
  Atomics.notify(header, 0);
}
