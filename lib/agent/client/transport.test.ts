import { describe, expect, it } from "vitest";
import type { AgentUIMessage } from "../protocol";
import { buildChatRequest } from "./transport";

const m = (id: string, role: "user" | "assistant"): AgentUIMessage => ({ id, role, parts: [{ type: "text", text: id }] });

describe("buildChatRequest", () => {
  it("sends only the last message, anchored on the one before", () => {
    const body = buildChatRequest("c", "p", [m("u1", "user"), m("a1", "assistant"), m("u2", "user")], false);
    expect(body.anchor).toBe("a1");
    expect(body.messages.map((x) => x.id)).toEqual(["u2"]);
  });
  it("sends everything for a new chat or when the server asks for it", () => {
    expect(buildChatRequest("c", "p", [m("u1", "user")], false)).toMatchObject({ anchor: null, messages: [{ id: "u1" }] });
    const full = buildChatRequest("c", "p", [m("u1", "user"), m("a1", "assistant")], true);
    expect(full.anchor).toBeNull();
    expect(full.messages).toHaveLength(2);
  });
});
