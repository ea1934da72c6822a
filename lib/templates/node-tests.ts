import type { Template } from "./types";

const packageJson = `{
  "name": "node-tests",
  "version": "1.0.0",
  "private": true,
  "type": "module",
  "scripts": {
    "test": "node --test"
  }
}
`;

// One bug on purpose: \`slugify\` keeps trailing dashes, so exactly one test fails and there is something to fix.
const textJs = `/** Capitalizes the first letter of every word. */
export function titleCase(text) {
  return text
    .split(" ")
    .map((word) => (word ? word[0].toUpperCase() + word.slice(1).toLowerCase() : word))
    .join(" ");
}

/** Turns a title into a URL-friendly slug: "Hello, World!" → "hello-world". */
export function slugify(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "");
}

/** Counts the words in a text. */
export function wordCount(text) {
  return text.split(/\\s+/).filter(Boolean).length;
}
`;

const textTestJs = `import { test } from "node:test";
import assert from "node:assert/strict";
import { slugify, titleCase, wordCount } from "./text.js";

test("titleCase capitalizes every word", () => {
  assert.equal(titleCase("hello tandem world"), "Hello Tandem World");
});

test("wordCount ignores extra spaces", () => {
  assert.equal(wordCount("  one  two three "), 3);
});

test("slugify makes URL-friendly slugs", () => {
  assert.equal(slugify("Hello, World!"), "hello-world");
});
`;

const readme = `# Node + tests

A small module (\`text.js\`) with tests that use Node's built-in test runner.

    npm test

One test fails on purpose. Find the bug in \`text.js\` and fix it.
`;

export const nodeTests: Template = {
  id: "node-tests",
  name: "Node + tests",
  description: "A small module with node:test tests — one fails on purpose, so there is something to fix.",
  entry: "text.js",
  files: [
    ["package.json", packageJson],
    ["README.md", readme],
    ["text.js", textJs],
    ["text.test.js", textTestJs],
  ],
};
