import type { NextConfig } from "next";

// Cross-origin isolation on every path (WebContainer needs it; Monaco's module workers are refused without it on
// /_next/static). See ../shared/notes/toolchain.md.
const isolationHeaders = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
];

const config: NextConfig = {
  // Separate build folders let several builds coexist (e.g. benchmarks beside tests).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: isolationHeaders }];
  },
};

export default config;
