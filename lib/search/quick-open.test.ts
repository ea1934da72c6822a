import { describe, expect, it } from "vitest";
import { rankPaths } from "./quick-open";

const paths = ["src/components/Button.tsx", "src/index.ts", "test/button.test.ts", "README.md", "package.json"];

describe("rankPaths", () => {
  it("matches fuzzily and puts file-name hits first", () => {
    const ranked = rankPaths(paths, "btn");
    expect(ranked.map((r) => r.path).slice(0, 2).sort()).toEqual(["src/components/Button.tsx", "test/button.test.ts"]);
    expect(ranked[0]?.highlights.length).toBe(3);
  });

  it("returns the first files for an empty query and nothing for nonsense", () => {
    expect(rankPaths(paths, "", 2).map((r) => r.path)).toEqual(paths.slice(0, 2));
    expect(rankPaths(paths, "zzzzqqq")).toEqual([]);
  });
});
