import { describe, expect, it } from "vitest";
import { Project } from "@/lib/project";
import { buildContext } from "./context";
import {
  CONTEXT_CHARS,
  capForContext,
  findMentionQuery,
  insertMention,
  mentionCandidates,
  mentionContext,
  mentionedPaths,
  removeMention,
} from "./mentions";

const project = new Project({
  files: [
    ["text.js", "export const slug = 1;"],
    ["text.test.js", "import './text.js';"],
    ["src/components/Button.tsx", "<button/>"],
    ["docs/my notes.md", "# notes"],
    ["logo.png", new Uint8Array([137, 80, 78, 71])],
    ["big.txt", "x".repeat(CONTEXT_CHARS + 5)],
  ],
});

describe("findMentionQuery", () => {
  it("finds the @word the caret is in, at the start or after whitespace", () => {
    expect(findMentionQuery("@tex", 4)).toEqual({ start: 0, end: 4, query: "tex" });
    expect(findMentionQuery("look at @src/co please", 15)).toEqual({ start: 8, end: 15, query: "src/co" });
    expect(findMentionQuery("a\n@", 3)).toEqual({ start: 2, end: 3, query: "" });
  });
  it("covers the whole word when the caret is inside it", () => {
    expect(findMentionQuery("see @text.js now", 8)).toEqual({ start: 4, end: 12, query: "tex" });
  });
  it("ignores e-mail addresses, finished mentions and text without @", () => {
    expect(findMentionQuery("mail me@example.com", 19)).toBeNull();
    expect(findMentionQuery("@text.js and more", 17)).toBeNull();
    expect(findMentionQuery("@text.js ", 9)).toBeNull();
    expect(findMentionQuery("plain", 5)).toBeNull();
  });
});

describe("mentionCandidates", () => {
  it("ranks text files fuzzily and leaves binary files out", () => {
    expect(mentionCandidates(project, "tex").map((r) => r.path)).toEqual(["text.js", "text.test.js"]);
    expect(mentionCandidates(project, "btn")[0]?.path).toBe("src/components/Button.tsx");
    expect(mentionCandidates(project, "").map((r) => r.path)).not.toContain("logo.png");
    expect(mentionCandidates(project, "logo")).toEqual([]);
  });
});

describe("insertMention / removeMention", () => {
  it("replaces the query with @path and a space, caret after it", () => {
    const q = findMentionQuery("explain @tex", 12)!;
    expect(insertMention("explain @tex", q, "text.js")).toEqual({ text: "explain @text.js ", caret: 17 });
    const inside = findMentionQuery("see @tex please", 8)!;
    expect(insertMention("see @tex please", inside, "text.js")).toEqual({ text: "see @text.js please", caret: 13 });
  });
  it("removes every mention of one file, with its following space, and nothing else", () => {
    expect(removeMention("look at @text.js please", "text.js")).toBe("look at please");
    expect(removeMention("@text.js @text.test.js", "text.js")).toBe("@text.test.js");
    expect(removeMention("@text.js, then @text.js.", "text.js")).toBe(", then .");
  });
});

describe("mentionedPaths", () => {
  it("finds typed mentions of existing files, in order, once each", () => {
    expect(mentionedPaths("@text.test.js and @nope.js, then @text.js. and @text.js", project)).toEqual(["text.test.js", "text.js"]);
  });
  it("finds picked names a plain scan would cut short, only while the text still has them", () => {
    expect(mentionedPaths("read @docs/my notes.md first", project)).toEqual([]);
    expect(mentionedPaths("read @docs/my notes.md first", project, ["docs/my notes.md"])).toEqual(["docs/my notes.md"]);
    expect(mentionedPaths("read first", project, ["docs/my notes.md"])).toEqual([]);
  });
});

describe("mentionContext", () => {
  it("gives the file's current content, and says when it was cut", () => {
    expect(mentionContext(project, "text.js")).toEqual({ label: "@text.js", text: '<file path="text.js">\nexport const slug = 1;\n</file>' });
    const big = mentionContext(project, "big.txt")!;
    expect(big.text).toContain(`[truncated: the first 20,000 of 20,005 characters; read_file for the rest]`);
    expect(big.text.length).toBeLessThan(CONTEXT_CHARS + 200);
    expect(mentionContext(project, "logo.png")).toBeNull();
    expect(mentionContext(project, "gone.js")).toBeNull();
  });
  it("reads the content at the time of asking", () => {
    const p = new Project({ files: [["a.js", "old"]] });
    p.write("a.js", "new", { origin: "user" });
    expect(mentionContext(p, "a.js")?.text).toContain("new");
  });
  it("leaves short text alone", () => {
    expect(capForContext("short")).toBe("short");
  });
});

describe("buildContext with picked mentions", () => {
  it("attaches picked files whose mention is in the text", () => {
    const { parts } = buildContext({ project, text: "what is in @docs/my notes.md?", activePath: null, problems: [], agentsMdSent: null, picked: ["docs/my notes.md"] });
    expect(parts).toEqual([{ label: "@docs/my notes.md", text: '<file path="docs/my notes.md">\n# notes\n</file>' }]);
  });
});
