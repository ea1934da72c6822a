import { describe, expect, it } from "vitest";
import { parseChatRequest } from "./protocol";
import { tooDeep } from "./message-schema";

const body = (parts: unknown[], role = "assistant") => ({ chatId: "c1", anchor: null, messages: [{ id: "m1", role, parts }] });
const accepts = (parts: unknown[]) => expect(parseChatRequest(body(parts))).toMatchObject({ ok: true });
const refuses = (parts: unknown[], message: RegExp) => expect(parseChatRequest(body(parts))).toEqual({ ok: false, message: expect.stringMatching(message) });

describe("the chat request's message parts", () => {
  it("accepts every part Tandem's browser sends, in every tool state", () => {
    accepts([
      { type: "step-start" },
      { type: "text", text: "hi", state: "done", providerMetadata: { xai: { itemId: "msg_1" } } },
      { type: "reasoning", text: "thinking", state: "done", providerMetadata: { xai: { itemId: "rs_1", reasoningEncryptedContent: "enc" } } },
      { type: "file", mediaType: "image/png", filename: "a.png", url: "data:image/png;base64,AAAA" },
      { type: "source-url", sourceId: "s1", url: "https://example.com", title: "Example" },
      { type: "data-context", data: { text: "open file", label: "text.js" } },
      { type: "tool-read_file", toolCallId: "c0", state: "input-streaming", input: { path: "a" } },
      { type: "tool-read_file", toolCallId: "c1", state: "input-available", input: { path: "a.js" } },
      { type: "tool-read_file", toolCallId: "c2", state: "output-available", input: { path: "a.js" }, output: { path: "a.js", content: "1\tx", startLine: 1, endLine: 1, totalLines: 1, truncated: false } },
      { type: "tool-run_command", toolCallId: "c3", state: "output-error", input: { command: "node spin.js" }, errorText: "Stopped by the user." },
      { type: "tool-edit_file", toolCallId: "c4", state: "output-error", errorText: "Invalid input" },
      { type: "dynamic-tool", toolName: "delete_everything", toolCallId: "c5", state: "output-error", input: {}, errorText: "Model tried to call unavailable tool" },
    ]);
  });

  it("refuses what would fail further in, naming the place and the reason", () => {
    refuses([{ type: "file", mediaType: "image/png" }], /messages\[0\]\.parts\[0\]\.url: .*file part/);
    refuses([{ type: "file", mediaType: "image/png", url: "javascript:alert(1)" }], /must be a data: URL/);
    // A URL the server would download (the model SDK fetches what the provider cannot take): never.
    refuses([{ type: "file", mediaType: "application/pdf", url: "http://metadata.example.internal/latest" }], /must be a data: URL/);
    refuses([{ type: "data-context" }], /parts\[0\]\.data/);
    refuses([{ type: "data-usage", data: {} }], /not a message part Tandem sends/);
    refuses([{ type: "tool-list_files", toolCallId: "c", state: "output-available", input: {}, output: { tree: 1 } }], /parts\[0\]\.output\.tree/);
    refuses([{ type: "tool-list_files", toolCallId: "c", state: "done", input: {} }], /needs a `state` of input-streaming/);
    refuses([{ type: "tool-delete_everything", toolCallId: "c", state: "input-available", input: {} }], /names no Tandem tool/);
    refuses([{ type: "text", text: "x".repeat(1_000_001) }], /at most 1,000,000 characters/);
    refuses([{ type: "tool-read_file", toolCallId: "c\n1", state: "input-available", input: {} }], /toolCallId: must be printable/);
    refuses(["text"], /must be an object/);
    expect(parseChatRequest({ ...body([{ type: "step-start" }]), chatId: "c\u0000" })).toEqual({ ok: false, message: expect.stringMatching(/chatId: must be printable/) });
    expect(parseChatRequest({ ...body([{ type: "step-start" }]), extra: true })).toEqual({ ok: false, message: expect.stringMatching(/Unrecognized key/) });
    expect(parseChatRequest({ chatId: "c1", anchor: null, messages: [{ id: "m1", role: "system", parts: [] }] })).toMatchObject({ ok: false, message: expect.stringMatching(/role/) });
  });

  it("measures nesting without recursing, whatever the depth", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(tooDeep(deep)).toMatch(/^\[0\]/);
    expect(tooDeep({ a: { b: [1, { c: 2 }] } })).toBeNull();
  });
});
