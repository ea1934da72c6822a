import { describe, expect, it } from "vitest";
import { ambientDeclarations, declaredPackages } from "./ambient-types";

describe("declaredPackages", () => {
  it("collects every dependency group, sorted and unique", () => {
    const text = JSON.stringify({ dependencies: { react: "^19", "@scope/x": "1" }, devDependencies: { vite: "6", react: "19" } });
    expect(declaredPackages(text)).toEqual(["@scope/x", "react", "vite"]);
  });

  it("ignores malformed files and names that are not package names", () => {
    expect(declaredPackages(null)).toEqual([]);
    expect(declaredPackages("{ nope")).toEqual([]);
    expect(declaredPackages(JSON.stringify({ dependencies: ["react"] }))).toEqual([]);
    expect(declaredPackages(JSON.stringify({ dependencies: { 'x"; declare': "1", ok: "1" } }))).toEqual(["ok"]);
  });
});

describe("ambientDeclarations", () => {
  it("declares each package and its subpaths", () => {
    const text = ambientDeclarations(["react"]);
    expect(text).toContain('declare module "react";');
    expect(text).toContain('declare module "react/*";');
    expect(text).toContain('declare module "node:*";');
  });
});
