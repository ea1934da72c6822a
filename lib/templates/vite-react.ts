import type { Template } from "./types";

const packageJson = `{
  "name": "vite-react",
  "version": "0.0.0",
  "private": true,
  "type": "module",
  "scripts": {
    "dev": "vite",
    "build": "vite build",
    "preview": "vite preview"
  },
  "dependencies": {
    "react": "^19.1.0",
    "react-dom": "^19.1.0"
  },
  "devDependencies": {
    "@vitejs/plugin-react": "^5.0.0",
    "vite": "^7.0.0"
  }
}
`;

const viteConfig = `import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
});
`;

const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Vite + React</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.jsx"></script>
  </body>
</html>
`;

const mainJsx = `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import App from "./App.jsx";

createRoot(document.getElementById("root")).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`;

const appJsx = `import { useState } from "react";

export default function App() {
  const [count, setCount] = useState(0);
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", margin: "4rem auto", maxWidth: "40rem" }}>
      <h1>Vite + React</h1>
      <button type="button" onClick={() => setCount((n) => n + 1)}>
        Count is {count}
      </button>
      <p>Edit <code>src/App.jsx</code> and save.</p>
    </main>
  );
}
`;

export const viteReact: Template = {
  id: "vite-react",
  name: "Vite + React",
  description: "A React app built with Vite. Run npm install, then npm run dev.",
  label: "needs npm install — WebContainer only",
  entry: "src/App.jsx",
  files: [
    ["package.json", packageJson],
    ["vite.config.js", viteConfig],
    ["index.html", indexHtml],
    ["src/main.jsx", mainJsx],
    ["src/App.jsx", appJsx],
  ],
};
