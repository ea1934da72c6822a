// Standard streams attached to the terminal are TTYs, as in Node: isTTY, columns/rows that follow the terminal's size
// (with "resize" events), and Node's colour detection (lib/internal/tty.js: FORCE_COLOR, NO_COLOR,
// NODE_DISABLE_COLORS, TERM, COLORTERM, CI). Streams that are not a terminal have no isTTY at all (undefined), like
// Node's pipes and files.
import type { TtyInfo } from "../process/protocol";

const COLORS_2 = 1;
const COLORS_16 = 4;
const COLORS_256 = 8;
const COLORS_16M = 24;

const TERM_ENVS: Record<string, number> = {
  eterm: COLORS_16, cons25: COLORS_16, console: COLORS_16, cygwin: COLORS_16, dtterm: COLORS_16, gnome: COLORS_16, hurd: COLORS_16,
  jfbterm: COLORS_16, konsole: COLORS_16, kterm: COLORS_16, mlterm: COLORS_16, mosh: COLORS_16M, putty: COLORS_16, st: COLORS_16,
  "rxvt-unicode-24bit": COLORS_16M, terminator: COLORS_16M, "xterm-kitty": COLORS_16M,
};
const TERM_ENVS_REG_EXP = [/ansi/, /color/, /linux/, /direct/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/, /^vt100/, /^vt220/];

/** Node's getColorDepth(env): 1, 4, 8 or 24 bits. */
export function colorDepth(env: Record<string, string | undefined>): number {
  if (env.FORCE_COLOR !== undefined) {
    switch (env.FORCE_COLOR) {
      case "":
      case "1":
      case "true":
        return COLORS_16;
      case "2":
        return COLORS_256;
      case "3":
        return COLORS_16M;
      default:
        return COLORS_2;
    }
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === "dumb") return COLORS_2;
  if (env.TMUX) return COLORS_16M;
  if (env.CI) {
    if ("GITHUB_ACTIONS" in env || "GITEA_ACTIONS" in env) return COLORS_16M;
    if (["APPVEYOR", "BUILDKITE", "CIRCLECI", "DRONE", "GITLAB_CI", "TRAVIS"].some((name) => name in env) || env.CI_NAME === "codeship") return COLORS_256;
    return COLORS_2;
  }
  if ("TEAMCITY_VERSION" in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION ?? "") ? COLORS_16 : COLORS_2;
  switch (env.TERM_PROGRAM) {
    case "iTerm.app":
      return !env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION) ? COLORS_256 : COLORS_16M;
    case "HyperTerm":
    case "MacTerm":
      return COLORS_16M;
    case "Apple_Terminal":
      return COLORS_256;
  }
  if (env.COLORTERM === "truecolor" || env.COLORTERM === "24bit") return COLORS_16M;
  if (env.TERM) {
    if (/truecolor/.test(env.TERM)) return COLORS_16M;
    if (/^xterm-256/.test(env.TERM)) return COLORS_256;
    const term = env.TERM.toLowerCase();
    if (TERM_ENVS[term]) return TERM_ENVS[term];
    if (TERM_ENVS_REG_EXP.some((re) => re.test(term))) return COLORS_16;
  }
  if (env.COLORTERM) return COLORS_16;
  return COLORS_2;
}

/** What a writable standard stream has when it is a terminal (mixed into stdout/stderr). */
export interface TtyWritable {
  isTTY: true;
  columns: number;
  rows: number;
  getColorDepth(env?: Record<string, string | undefined>): number;
  hasColors(count?: number | Record<string, string | undefined>, env?: Record<string, string | undefined>): boolean;
  getWindowSize(): [number, number];
}

/** Makes `stream` a TTY of the terminal's size when `isTty`; `env` is the program's process.env. */
export function attachTty(stream: object, isTty: boolean, info: TtyInfo, env: () => Record<string, string | undefined>): void {
  if (!isTty) return;
  const tty: TtyWritable = {
    isTTY: true,
    columns: info.columns,
    rows: info.rows,
    getColorDepth: (e = env()) => colorDepth(e),
    hasColors: (count = 16, e) => {
      const [n, vars] = typeof count === "object" ? [16, count] : [count, e ?? env()];
      return n <= 2 ** colorDepth(vars);
    },
    getWindowSize: () => [tty.columns, tty.rows],
  };
  for (const [key, value] of Object.entries(tty)) Object.defineProperty(stream, key, { value, writable: true, configurable: true, enumerable: key !== "getWindowSize" });
  Object.defineProperty(stream, "getWindowSize", { value: () => [(stream as TtyWritable).columns, (stream as TtyWritable).rows], configurable: true });
}

/** The terminal was resized: streams that are TTYs take the new size and emit "resize", as Node's do. */
export function resizeTty(streams: object[], columns: number, rows: number): void {
  for (const stream of streams) {
    const s = stream as Partial<TtyWritable> & { emit?: (event: string) => unknown };
    if (!s.isTTY) continue;
    s.columns = columns;
    s.rows = rows;
    s.emit?.("resize");
  }
}
