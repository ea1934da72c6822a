import { describe, expect, it } from "vitest";
import { describeToolCall, failedSearch } from "./tool-summary";

describe("tool card wording", () => {
  it("counts in the singular and plural", () => {
    expect(describeToolCall("search", { pattern: "x" }, { count: 1 }, "output-available")).toBe("Searched /x/ — 1 match");
    expect(describeToolCall("search", { pattern: "x" }, { count: 3 }, "output-available")).toBe("Searched /x/ — 3 matches");
    expect(describeToolCall("list_files", {}, { files: 1 }, "output-available")).toBe("Listed 1 file");
  });

  it("says a failed call failed, instead of reading as if it still ran", () => {
    expect(describeToolCall("edit_file", { path: "text.js" }, {}, "output-error")).toBe("Edit of text.js failed");
    expect(describeToolCall("edit_file", { path: "text.js" }, {}, "input-available")).toBe("Editing text.js");
    expect(describeToolCall("read_file", { path: "a.js" }, {}, "output-error")).toBe("Could not read a.js");
  });

  it("finds the search text of the edit that failed", () => {
    const input = { edits: [{ search: "first" }, { search: "second" }] };
    expect(failedSearch(input, "Edit 2 of 2: the search text was not found.")).toBe("second");
    expect(failedSearch({ edits: [{ search: "only" }] }, "the search text occurs 2 times")).toBe("only");
    expect(failedSearch(input, "Stopped by the user.")).toBeNull();
    expect(failedSearch({}, "x")).toBeNull();
  });
});
