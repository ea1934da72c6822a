import { afterEach, describe, expect, it, vi } from "vitest";
import { Project } from "@/lib/project";
import { ok } from "@/lib/project";
import { chooseRuntime, type RuntimeFactories } from "./choose";
import type { Runtime, RuntimeInit } from "./types";

function fakeRuntime(kind: Runtime["kind"], reason?: string, boot: () => Promise<ReturnType<Runtime["boot"]> extends Promise<infer R> ? R : never> = async () => ok(undefined)): Runtime {
  return {
    kind,
    projectId: "p",
    status: () => ({ kind, state: "booting", progress: { phase: "booting", message: "" }, ...(reason ? { reason } : {}) }),
    boot,
    spawn: () => ({ exit: Promise.resolve({ exitCode: 0, durationMs: 0 }), kill: () => undefined }),
    openShell: () => {
      throw new Error("unused");
    },
    previews: () => [],
    subscribe: () => () => undefined,
    dispose: vi.fn(),
  };
}

function factories(overrides: Partial<RuntimeFactories> = {}): RuntimeFactories & { offlineReasons: string[] } {
  const offlineReasons: string[] = [];
  return {
    isolated: () => true,
    probe: () => new Promise(() => {}),
    webcontainer: async () => fakeRuntime("webcontainer"),
    offline: async (init: RuntimeInit & { reason?: string }) => {
      offlineReasons.push(init.reason ?? "");
      return fakeRuntime("offline", init.reason);
    },
    offlineReasons,
    ...overrides,
  };
}

const base = { projectId: "p", project: new Project(), sandboxOrigin: "http://localhost:3001" };

afterEach(() => vi.useRealTimers());

describe("chooseRuntime", () => {
  it("uses WebContainer when it boots in time", async () => {
    const runtime = await chooseRuntime({ ...base, preference: "auto" }, factories());
    expect(runtime.kind).toBe("webcontainer");
  });

  it("falls back at the bound when boot never settles (offline), with the reason", async () => {
    vi.useFakeTimers();
    const hung = fakeRuntime("webcontainer", undefined, () => new Promise(() => {}));
    const f = factories({ webcontainer: async () => hung });
    const choice = chooseRuntime({ ...base, preference: "auto", webContainerBoundMs: 2_500 }, f);
    await vi.advanceTimersByTimeAsync(2_499);
    expect(f.offlineReasons).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    const runtime = await choice;
    expect(runtime.kind).toBe("offline");
    expect(f.offlineReasons[0]).toMatch(/did not start within 2\.5 s/);
    expect(hung.dispose).toHaveBeenCalled();
  });

  it("falls back at once when the probe says the host is unreachable", async () => {
    const f = factories({ webcontainer: async () => fakeRuntime("webcontainer", undefined, () => new Promise(() => {})), probe: async () => "no network" });
    const runtime = await chooseRuntime({ ...base, preference: "auto" }, f);
    expect(runtime.kind).toBe("offline");
    expect(f.offlineReasons[0]).toMatch(/^no network/);
  });

  it("does not try WebContainer on a page that is not cross-origin isolated", async () => {
    const webcontainer = vi.fn();
    const f = factories({ isolated: () => false, webcontainer });
    const runtime = await chooseRuntime({ ...base, preference: "auto" }, f);
    expect(runtime.kind).toBe("offline");
    expect(webcontainer).not.toHaveBeenCalled();
    expect(f.offlineReasons[0]).toMatch(/cross-origin isolated/);
  });

  it("honours a forced runtime", async () => {
    expect((await chooseRuntime({ ...base, preference: "offline" }, factories())).kind).toBe("offline");
    expect((await chooseRuntime({ ...base, preference: "webcontainer" }, factories())).kind).toBe("webcontainer");
  });

  it("a project set to WebContainer that cannot start it falls back to offline and says why (never a dead end)", async () => {
    const notIsolated = factories({ isolated: () => false });
    const forced = await chooseRuntime({ ...base, preference: "webcontainer" }, notIsolated);
    expect(forced.kind).toBe("offline");
    expect(notIsolated.offlineReasons[0]).toMatch(/^This project is set to WebContainer, which cannot start here: .*cross-origin isolated.*Using the offline runtime\.$/);
    const unreachable = factories({ webcontainer: async () => fakeRuntime("webcontainer", undefined, () => new Promise(() => {})), probe: async () => "stackblitz.com cannot be reached." });
    expect((await chooseRuntime({ ...base, preference: "webcontainer" }, unreachable)).kind).toBe("offline");
    expect(unreachable.offlineReasons[0]).toMatch(/set to WebContainer.*cannot be reached/);
  });

  it("gives a project set to WebContainer longer to boot than Auto does", async () => {
    vi.useFakeTimers();
    const hung = fakeRuntime("webcontainer", undefined, () => new Promise(() => {}));
    const f = factories({ webcontainer: async () => hung });
    const choice = chooseRuntime({ ...base, preference: "webcontainer" }, f);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(f.offlineReasons).toEqual([]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await choice).kind).toBe("offline");
  });
});
