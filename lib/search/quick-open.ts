// Fuzzy file matching for quick open (Ctrl+P). fuzzysort ranks; we only prefer file-name hits over folder hits.
import fuzzysort from "fuzzysort";

export interface RankedPath {
  path: string;
  /** Indexes of matched characters in `path`, for highlighting. */
  highlights: number[];
}

export function rankPaths(paths: readonly string[], query: string, limit = 50): RankedPath[] {
  const q = query.trim();
  if (q === "") return paths.slice(0, limit).map((path) => ({ path, highlights: [] }));
  const results = fuzzysort.go(q.replaceAll(" ", ""), paths, { limit: limit * 2, threshold: 0.2 });
  return results
    .map((r) => {
      const nameStart = r.target.lastIndexOf("/") + 1;
      const indexes = [...r.indexes];
      const inName = indexes.filter((i) => i >= nameStart).length / Math.max(1, indexes.length);
      return { path: r.target, highlights: indexes, score: r.score + inName * 0.1 };
    })
    .sort((a, b) => b.score - a.score || a.path.length - b.path.length)
    .slice(0, limit)
    .map(({ path, highlights }) => ({ path, highlights }));
}
