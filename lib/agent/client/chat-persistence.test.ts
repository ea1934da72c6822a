import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { putStoredChat } from "@/lib/persistence/chats";
import { createProject } from "@/lib/persistence/projects";
import { listChats, newChatRecord } from "./chat-persistence";

describe("chat records", () => {
  it("makes each new chat a secret of its own (256 bits, base64url)", () => {
    const a = newChatRecord("p", "c1");
    const b = newChatRecord("p", "c2");
    expect(a.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
  });

  it("gives a chat saved before secrets existed one secret, kept from then on", async () => {
    const created = await createProject({ name: "Chats", files: [["a.txt", "A"]] });
    if (!created.ok) throw new Error(created.error.message);
    const projectId = created.value.id;
    await putStoredChat({ id: "legacy", projectId, updatedAt: 1, title: "Old chat", messages: [] });
    const [first] = await listChats(projectId);
    const [again] = await listChats(projectId);
    expect(first?.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(again?.secret).toBe(first?.secret);
  });
});
