import { describe, expect, it } from "vitest";
import { hostMessage, hostOrigin, parseEmbedParams } from "./embed";

describe("embed parameters", () => {
  it("read view, files with lines, theme, flags and run; bad parts fall back", () => {
    const o = parseEmbedParams(new URLSearchParams("view=split&file=src/a.js:12&file=README.md,b.js:x&theme=dark&hideExplorer&readOnly=1&run=npm%20test&clickToLoad=false"));
    expect(o).toEqual({
      view: "split",
      files: [{ path: "src/a.js", line: 12 }, { path: "README.md" }, { path: "b.js:x" }],
      theme: "dark",
      hideExplorer: true,
      readOnly: true,
      run: "npm test",
      clickToLoad: false,
    });
    expect(parseEmbedParams(new URLSearchParams("view=nonsense&theme=neon"))).toMatchObject({ view: "editor", theme: null, files: [], run: null, readOnly: false });
  });
});

describe("embed messages", () => {
  it("accept only the documented shapes from the host", () => {
    expect(hostMessage.safeParse({ type: "tandem:openFile", path: "a.js", line: 3 }).success).toBe(true);
    expect(hostMessage.safeParse({ type: "tandem:run", command: "npm test", id: "1" }).success).toBe(true);
    expect(hostMessage.safeParse({ type: "tandem:getFiles" }).success).toBe(true);
    for (const bad of [{ type: "tandem:eval", code: "alert(1)" }, { type: "tandem:openFile" }, "tandem:getFiles", null]) expect(hostMessage.safeParse(bad).success).toBe(false);
  });

  it("know the host's origin from ancestorOrigins, else the referrer, else not at all", () => {
    expect(hostOrigin({ ancestorOrigins: { length: 1, 0: "http://docs.example" } }, "http://other.example/page")).toBe("http://docs.example");
    expect(hostOrigin({}, "http://docs.example/guide?x")).toBe("http://docs.example");
    expect(hostOrigin({}, "")).toBeNull();
  });
});
