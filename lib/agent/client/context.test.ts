import { describe, expect, it } from "vitest";
import { Project } from "@/lib/project";
import { buildContext } from "./context";
import { mentionedPaths } from "./mentions";

describe("buildContext", () => {
  const project = new Project({ files: [["AGENTS.md", "Use tabs."], ["src/a.js", "let a;"]] });
  it("includes AGENTS.md once, mentioned files and the editor state", () => {
    const first = buildContext({ project, text: "look at @src/a.js.", activePath: "src/a.js", cursorLine: 3, problems: [], agentsMdSent: null });
    expect(first.parts.map((p) => p.label)).toEqual(["AGENTS.md", "@src/a.js", "src/a.js"]);
    expect(first.parts[2]!.text).toContain("cursor at line 3");
    const second = buildContext({ project, text: "again", activePath: null, problems: [], agentsMdSent: first.agentsMd });
    expect(second.parts).toEqual([]);
  });
  it("finds mentions of existing files only", () => {
    expect(mentionedPaths("@src/a.js and @nope.js", project)).toEqual(["src/a.js"]);
  });
});
