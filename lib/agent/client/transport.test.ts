import { describe, expect, it } from "vitest";
import type { AgentUIMessage } from "../protocol";
import { partHashes } from "../sync";
import { ServerCopy } from "./server-copy";
import { buildChatRequest } from "./transport";

const m = (id: string, role: "user" | "assistant", ...texts: string[]): AgentUIMessage => ({ id, role, parts: texts.map((text) => ({ type: "text", text })) });
const known = (...messages: AgentUIMessage[]) => Object.fromEntries(messages.map((x) => [x.id, partHashes(x)]));

describe("what a request uploads", () => {
  it("sends a new chat whole, then only the message the server does not have, anchored on the one before", () => {
    const u1 = m("u1", "user", "hi");
    expect(new ServerCopy().plan([u1])).toMatchObject({ anchor: null, messages: [{ id: "u1", parts: u1.parts }] });
    const a1 = m("a1", "assistant", "hello");
    const body = buildChatRequest("c", "p", new ServerCopy(known(u1, a1)).plan([u1, a1, m("u2", "user", "again")]));
    expect(body.anchor).toBe("a1");
    expect(body.messages.map((x) => x.id)).toEqual(["u2"]);
  });

  it("patches a message the server holds with only its changed and new parts", () => {
    const a1 = m("a1", "assistant", "step 1", "call");
    const copy = new ServerCopy(known(m("u1", "user", "go"), a1));
    const grown = m("a1", "assistant", "step 1", "call + output", "step 2");
    const plan = copy.plan([m("u1", "user", "go"), grown, m("u2", "user", "continue")]);
    expect(plan.anchor).toBe("u1");
    expect(plan.messages[0]).toMatchObject({ id: "a1", patch: { base: { parts: 2 }, set: [{ at: 1, part: { text: "call + output" } }], append: [{ text: "step 2" }] } });
    expect(plan.messages[1]).toMatchObject({ id: "u2", parts: [{ text: "continue" }] });
  });

  it("learns what the server stored from data-stored, and forgets what a request that did not end carried", () => {
    const u1 = m("u1", "user", "go");
    const copy = new ServerCopy();
    const plan = copy.plan([u1]);
    const answer = m("a1", "assistant", "streamed");
    copy.settle(plan, { id: "a1", from: 0, hashes: partHashes(answer) });
    expect(copy.plan([u1, answer, m("u2", "user", "next")]).messages.map((x) => x.id)).toEqual(["u2"]);
    const stopped = copy.plan([u1, answer, m("u2", "user", "next")]);
    copy.settle(stopped, null);
    expect(copy.toJSON()).not.toHaveProperty("u2");
  });

  it("sends everything when asked (the server lost the chat), and whole messages after the anchor when a patch did not fit", () => {
    const u1 = m("u1", "user", "go");
    const a1 = m("a1", "assistant", "one");
    const copy = new ServerCopy(known(u1, a1));
    const grown = m("a1", "assistant", "one", "two");
    expect(copy.plan([u1, grown], "everything")).toMatchObject({ anchor: null, messages: [{ id: "u1" }, { id: "a1", parts: grown.parts }] });
    expect(copy.plan([u1, grown], "whole-messages")).toMatchObject({ anchor: "u1", messages: [{ id: "a1", parts: grown.parts }] });
  });
});
