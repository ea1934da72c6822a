// Entry of every Worker on the sandbox origin. The shell's Worker (started by the sandbox page) and the process
// Workers it starts for `node` (one per process, named PROCESS_WORKER_NAME) are the same script, so the sandbox
// server serves one entry; each loads only its own part. Messages that arrive while that part loads are kept.
import { PROCESS_WORKER_NAME } from "./process/worker-launcher";

declare const self: DedicatedWorkerGlobalScope;

const early: MessageEvent[] = [];
let handler: ((data: never) => void) | undefined;
// Taken now: a process's realm hides the Worker's own postMessage from the program (node/realm.ts).
const post = self.postMessage.bind(self);
self.addEventListener("message", (event) => (handler ? handler(event.data as never) : early.push(event)));

async function main(): Promise<void> {
  if (self.name === PROCESS_WORKER_NAME) {
    const { runProcessWorker } = await import("./process/process-worker");
    handler = runProcessWorker(post) as (data: never) => void;
  } else {
    // The first process Worker starts loading now, beside the shell's own (much larger) code.
    const spare = new Worker(self.location.href, { type: "module", name: PROCESS_WORKER_NAME });
    const { runShellWorker } = await import("./shell-worker");
    handler = runShellWorker(self.location.href, post, spare) as (data: never) => void;
  }
  for (const event of early.splice(0)) handler(event.data as never);
}

void main();
