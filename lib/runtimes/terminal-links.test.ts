import { describe, expect, it } from "vitest";
import { findFileLinks, toProjectPath } from "./terminal-links";

const files = new Set(["text.test.js", "src/app.ts"]);
const exists = (p: string) => files.has(p);

describe("terminal file links", () => {
  it("finds test locations, absolute runtime paths and relative paths", () => {
    expect(findFileLinks("test at text.test.js:13:1", exists)).toEqual([{ start: 8, end: 25, path: "text.test.js", line: 13, column: 1 }]);
    expect(findFileLinks("    at /project/src/app.ts:4:10", exists)[0]).toMatchObject({ path: "src/app.ts", line: 4, column: 10 });
    expect(findFileLinks("../app.ts:2", exists, "src/lib")[0]).toMatchObject({ path: "src/app.ts", line: 2 });
  });

  it("ignores files that are not in the project and paths outside it", () => {
    expect(findFileLinks("missing.js:3 and /etc/passwd:1", exists)).toEqual([]);
    expect(toProjectPath("../../x.js", "")).toBeNull();
  });
});
