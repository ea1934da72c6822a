import { describe, expect, it } from "vitest";
import { planHistory } from "./history";

const m = (id: string, json = id) => ({ id, role: "user", json });

describe("planHistory", () => {
  it("appends a new message after the anchor", () => {
    expect(planHistory([m("u1"), m("a1")], "a1", [m("u2")])).toEqual({ kind: "upsert", upsert: [m("u2")], history: [m("u1"), m("a1"), m("u2")], keep: 2 });
  });
  it("updates the continuing assistant message in place (same id)", () => {
    const plan = planHistory([m("u1"), m("a1", "v1")], "u1", [m("a1", "v2")]);
    expect(plan).toEqual({ kind: "upsert", upsert: [m("a1", "v2")], history: [m("u1"), m("a1", "v2")], keep: 1 });
  });
  it("asks for everything when the anchor is unknown", () => {
    expect(planHistory([], "a1", [m("u2")])).toEqual({ kind: "missing" });
  });
  it("replaces a diverged conversation", () => {
    expect(planHistory([m("u1"), m("a1"), m("u2")], "u1", [m("a9")])).toEqual({ kind: "replace", history: [m("u1"), m("a9")], keep: 1 });
  });
  it("refuses a history in which two messages share an id", () => {
    expect(planHistory([m("u1"), m("a1")], "a1", [m("u1")])).toEqual({ kind: "invalid", id: "u1" });
    expect(planHistory([], null, [m("u1"), m("u1")])).toEqual({ kind: "invalid", id: "u1" });
  });
  it("takes a full upload as the history, keeping stored bytes when equal", () => {
    expect(planHistory([], null, [m("u1")])).toEqual({ kind: "replace", history: [m("u1")], keep: 0 });
    expect(planHistory([m("u1")], null, [m("u1")])).toEqual({ kind: "upsert", upsert: [], history: [m("u1")], keep: 1 });
  });
});
