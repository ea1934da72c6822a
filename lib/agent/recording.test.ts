import { describe, expect, it } from "vitest";
import { Project } from "@/lib/project";
import { demoRecording, FIX_THE_TEST_SCRIPT } from "./demo";
import { modelSteps, recording, Recorder, userMessages } from "./recording";

describe("recordings", () => {
  it("the demo is a valid recording with one model step per script step", () => {
    const rec = recording.parse(demoRecording());
    expect(modelSteps(rec)).toHaveLength(FIX_THE_TEST_SCRIPT.length);
    expect(userMessages(rec)[0]?.parts[0]).toMatchObject({ type: "text" });
    const first = modelSteps(rec)[0]!;
    expect(first[0]!.chunk).toMatchObject({ type: "start" });
    expect(first.at(-1)!.chunk).toMatchObject({ type: "finish", finishReason: "tool-calls" });
    expect(first.map((c) => c.dt)).toEqual([...first.map((c) => c.dt)].sort((a, b) => a - b));
  });

  it("records a live session and round-trips through JSON", () => {
    const project = new Project({ files: [["a.js", "1"]] });
    const recorder = new Recorder();
    project.subscribe((e) => recorder.fileChange(e));
    recorder.userMessage({ id: "u1", role: "user", parts: [{ type: "text", text: "hi" }] });
    recorder.chunk({ type: "start" });
    recorder.chunk({ type: "text-start", id: "t" });
    recorder.chunk({ type: "finish" });
    recorder.toolOutput("c1", "read_file", { ok: false, error: "No file" });
    project.write("a.js", "2", { origin: "agent" });
    const rec = recording.parse(JSON.parse(JSON.stringify(recorder.finish({ title: "t", start: { files: { "a.js": "1" } } }))));
    expect(rec.events.map((e) => e.type)).toEqual(["user-message", "model-step", "tool-output", "file-change"]);
    expect(modelSteps(rec)[0]).toHaveLength(3);
  });
});
