import { describe, expect, it } from "vitest";
import { demoRecording } from "@/lib/agent/demo";
import { recording } from "@/lib/agent/recording";
import type { AgentUIMessage } from "@/lib/agent/protocol";
import { recordingFromChat } from "./chat-recording";
import { embedSnippet, manageUrl, readFragment, shareUrl } from "./links";
import { scanForSecrets } from "./secrets";

describe("the pre-share secret check", () => {
  it("finds keys, tokens, private keys and .env files, with file and line, masked", () => {
    const found = scanForSecrets([
      [".env", "XAI_API_KEY=abc"],
      [".env.example", "XAI_API_KEY="],
      ["src/config.js", `const a = 1;\nconst key = "xai-${"A1b2C3d4".repeat(4)}";\n`],
      ["deploy/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\n-----END OPENSSH PRIVATE KEY-----"],
      ["aws.txt", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"],
      ["gh.sh", `TOKEN=ghp_${"x1Y2z3".repeat(6)}`],
      ["db.js", `connect("postgres://admin:hunter2secret@db.internal:5432/app")`],
      ["settings.py", `API_SECRET = "q8Zr2LmVx91KpT4wYb7N"`],
    ]);
    expect(found.map((f) => [f.path, f.line, f.kind])).toEqual([
      [".env", 0, "environment file"],
      ["src/config.js", 2, "xAI API key"],
      ["deploy/id_rsa", 1, "private key"],
      ["aws.txt", 1, "AWS access key"],
      ["gh.sh", 1, "GitHub token"],
      ["db.js", 1, "password in a URL"],
      ["settings.py", 1, "value of API_SECRET"],
    ]);
    expect(found[1]!.preview).toBe("xai-A1…");
    expect(JSON.stringify(found)).not.toContain("A1b2C3d4A1b2");
  });

  it("stays quiet on ordinary code and placeholders", () => {
    const found = scanForSecrets([
      ["app.js", `const token = getToken();\nconst password = "changeme-please-now";\nconst apiKey = process.env.XAI_API_KEY;\nconst secretName = "aaaaaaaaaaaaaaaaaaaa";\n`],
      ["README.md", "Set `XAI_API_KEY` to your key (starts with xai-)."],
      ["image.png", new Uint8Array([1, 2, 3])],
    ]);
    expect(found).toEqual([]);
  });
});

describe("a chat as a session recording", () => {
  it("turns saved UI messages into tandem.session/1: user messages, model steps, tool outputs", () => {
    const messages = [
      { id: "u1", role: "user", parts: [{ type: "text", text: "Fix the test" }] },
      {
        id: "a1",
        role: "assistant",
        parts: [
          { type: "step-start" },
          { type: "reasoning", text: "Look first." },
          { type: "tool-run_command", toolCallId: "c1", state: "output-available", input: { command: "npm test" }, output: { exitCode: 1 } },
          { type: "step-start" },
          { type: "text", text: "Fixed." },
        ],
      },
    ] as unknown as AgentUIMessage[];
    const rec = recordingFromChat({ title: "Fix", createdAt: 0, messages }, { template: "node-tests" });
    expect(recording.safeParse(rec).success).toBe(true);
    expect(rec.events.map((e) => e.type)).toEqual(["user-message", "model-step", "tool-output", "model-step"]);
    const [, first, output, second] = rec.events;
    expect(first?.type === "model-step" && first.chunks.map((c) => c.chunk.type)).toEqual(["start", "start-step", "reasoning-start", "reasoning-delta", "reasoning-end", "tool-input-available", "finish-step", "finish"]);
    expect(first?.type === "model-step" && first.chunks.at(-1)!.chunk).toEqual({ type: "finish", finishReason: "tool-calls" });
    expect(output).toMatchObject({ toolCallId: "c1", toolName: "run_command", ok: true, output: { exitCode: 1 } });
    expect(second?.type === "model-step" && second.chunks.at(-1)!.chunk).toEqual({ type: "finish", finishReason: "stop" });
    expect(recording.safeParse(demoRecording()).success).toBe(true);
  });
});

describe("share links", () => {
  it("keep the key and the owner secret in the fragment, and the embed snippet escaped", () => {
    expect(shareUrl({ origin: "http://h", id: "abc", version: 2, key: "k-1" })).toBe("http://h/s/abc/v/2#key=k-1");
    const manage = manageUrl({ origin: "http://h", id: "abc", secret: "s3cr3t" });
    expect(manage).toBe("http://h/s/abc#owner=s3cr3t");
    expect(readFragment(new URL(manage).hash)).toEqual({ owner: "s3cr3t" });
    expect(embedSnippet({ origin: "http://h", id: "abc", title: 'a "quoted" <title>' })).toBe(
      '<iframe src="http://h/embed/abc?view=split" title="a quoted title" style="width:100%;height:500px;border:0;border-radius:8px" allow="clipboard-write"></iframe>',
    );
  });
});

describe("QR codes", () => {
  it("draw a link as dark modules inside a quiet zone", async () => {
    const { qrMatrix } = await import("./qr");
    const short = qrMatrix("http://127.0.0.1:3000/s/abc");
    const long = qrMatrix(`http://127.0.0.1:3000/s/${"x".repeat(22)}#key=${"k".repeat(22)}`);
    expect(short.size).toBe(29 + 4); // version 3 (29 modules) holds a 27-character link at level M
    expect(long.size).toBeGreaterThan(short.size);
    expect(short.path).toMatch(/^M2 2h1v1h-1z/); // the top-left finder pattern starts dark
  });
});
