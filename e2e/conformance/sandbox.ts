// Drives the offline runtime's sandbox page directly (the page the IDE embeds, on the sandbox origin), over the same
// MessagePort protocol the IDE uses (lib/runtimes/offline/protocol.ts): every case's files in one "init", then one
// "run" per case in its folder. One page serves a whole area of cases.
import type { Page } from "@playwright/test";
import type { Case, Outcome } from "./cases";

export async function openSandbox(page: Page, sandboxOrigin: string, cases: Case[]): Promise<void> {
  const files: Array<[string, string]> = [];
  for (const c of cases) for (const [p, content] of Object.entries(c.files)) files.push([`${c.dir}/${p}`, content]);
  await page.goto(`${sandboxOrigin}/sandbox.html?session=conformance-${Date.now().toString(36)}`);
  await page.evaluate(async (files) => {
    type Drv = { events: Array<Record<string, unknown>>; waiters: Array<() => void>; port: MessagePort };
    const channel = new MessageChannel();
    const drv: Drv = { events: [], waiters: [], port: channel.port1 };
    (window as unknown as { __conformance: Drv }).__conformance = drv;
    channel.port1.onmessage = (e: MessageEvent) => {
      drv.events.push(e.data as Record<string, unknown>);
      for (const wake of drv.waiters.splice(0)) wake();
    };
    // The sandbox page answers its parent window; opened on its own, that is itself.
    window.postMessage({ type: "tandem-connect" }, "*", [channel.port2]);
    drv.port.postMessage({ type: "init", files, dirs: [] });
    while (!drv.events.some((e) => e.type === "ready")) await new Promise<void>((r) => drv.waiters.push(r));
  }, files);
}

export function runInSandbox(page: Page, c: Case): Promise<Outcome> {
  return page.evaluate(
    async ({ cmd, dir, stdin }) => {
      type Drv = { events: Array<Record<string, unknown>>; waiters: Array<() => void>; port: MessagePort };
      const drv = (window as unknown as { __conformance: Drv }).__conformance;
      const id = `c${Math.random().toString(36).slice(2)}`;
      drv.port.postMessage({ type: "run", id, command: cmd, cwd: `/project/${dir}`, env: {}, timeoutMs: 20_000, stdin: stdin ?? "" });
      for (;;) {
        const exit = drv.events.find((e) => e.type === "exit" && e.id === id);
        if (exit) {
          const mine = drv.events.filter((e) => e.type === "output" && e.id === id);
          const text = (stream: string) => mine.filter((e) => e.stream === stream).map((e) => e.data as string).join("");
          drv.events = drv.events.filter((e) => e.id !== id);
          return { stdout: text("stdout"), stderr: text("stderr"), exitCode: exit.exitCode as number };
        }
        await new Promise<void>((r) => drv.waiters.push(r));
      }
    },
    { cmd: c.cmd, dir: c.dir, stdin: c.stdin },
  );
}
