// Keeps the layers honest: app → components → lib; lib/project depends on nothing of ours; no cycles.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", from: {}, to: { circular: true } },
    {
      name: "lib-is-framework-free",
      comment: "lib/ never imports components/ or app/.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(components|app)/" },
    },
    {
      name: "components-never-import-routes",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "project-model-is-the-bottom",
      comment: "lib/project is pure: it imports no other part of lib.",
      severity: "error",
      from: { path: "^lib/project/" },
      to: { path: "^lib/(?!project/)" },
    },
    {
      name: "lib-has-no-react",
      comment: "lib/ is framework-free TypeScript (zustand/vanilla is fine; React is not).",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "node_modules/(react|react-dom|next)/" },
    },
    {
      name: "only-the-registry-imports-runtime-implementations",
      severity: "error",
      from: { path: "^(?!lib/runtimes/)" },
      to: { path: "^lib/runtimes/(webcontainer|offline)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.next[^/]*|e2e/\\.artifacts)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
