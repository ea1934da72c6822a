// process.stdin/stdout/stderr for programs that never use streams (most of them), so the streams chunk is not
// fetched for them: writes go straight to the output, and stdin.read() hands over everything that was piped in.
type Sink = (text: string) => void;

const decoder = new TextDecoder();

function plainWritable(sink: Sink, fd: number) {
  const stream = {
    fd,
    writable: true,
    write: (chunk: unknown, encoding?: unknown, cb?: unknown) => {
      sink(chunk instanceof Uint8Array ? decoder.decode(chunk) : String(chunk));
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") queueMicrotask(() => (done as (e: null) => void)(null));
      return true;
    },
    end: (chunk?: unknown) => {
      if (chunk !== undefined && typeof chunk !== "function") stream.write(chunk);
    },
    on: () => stream,
    once: () => stream,
    off: () => stream,
    removeListener: () => stream,
    emit: () => false,
  };
  return stream;
}

export function plainStdio(stdin: string, out: Sink, errOut: Sink) {
  return {
    stdin: { fd: 0, read: () => stdin, on: () => undefined, setEncoding: () => undefined, resume: () => undefined, pause: () => undefined },
    stdout: plainWritable(out, 1),
    stderr: plainWritable(errOut, 2),
  };
}
