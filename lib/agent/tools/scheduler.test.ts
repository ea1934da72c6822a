import { describe, expect, it } from "vitest";
import { ToolScheduler } from "./scheduler";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("ToolScheduler", () => {
  it("runs reads concurrently and writes in order", async () => {
    const scheduler = new ToolScheduler();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      scheduler.schedule("read_file", task("r1", 20)),
      scheduler.schedule("read_file", task("r2", 5)),
      scheduler.schedule("edit_file", task("w1", 5)),
      scheduler.schedule("read_file", task("r3", 1)),
      scheduler.schedule("run_command", task("c1", 1)),
    ]);
    expect(results).toEqual(["r1", "r2", "w1", "r3", "c1"]);
    expect(log.slice(0, 2)).toEqual(["start r1", "start r2"]);
    expect(log.indexOf("start w1")).toBeGreaterThan(log.indexOf("end r1"));
    expect(log.indexOf("start r3")).toBeGreaterThan(log.indexOf("end w1"));
    expect(log.indexOf("start c1")).toBeGreaterThan(log.indexOf("end r3"));
  });

  it("keeps going after a failed call", async () => {
    const scheduler = new ToolScheduler();
    const failed = scheduler.schedule("write_file", async () => {
      throw new Error("boom");
    });
    await expect(failed).rejects.toThrow("boom");
    await expect(scheduler.schedule("write_file", async () => 1)).resolves.toBe(1);
  });
});
