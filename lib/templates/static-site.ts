import type { Template } from "./types";

const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Hello, Tandem</title>
    <link rel="stylesheet" href="style.css" />
  </head>
  <body>
    <main>
      <h1>Hello, Tandem</h1>
      <p>Edit <code>index.html</code>, <code>style.css</code> and <code>script.js</code>, then look at the preview.</p>
      <button id="counter" type="button">Clicked 0 times</button>
    </main>
    <script src="script.js"></script>
  </body>
</html>
`;

const styleCss = `:root {
  color-scheme: light dark;
  font-family: system-ui, sans-serif;
}

main {
  max-width: 40rem;
  margin: 4rem auto;
  padding: 0 1rem;
  line-height: 1.5;
}

button {
  font: inherit;
  padding: 0.5rem 1rem;
  border-radius: 0.5rem;
  border: 1px solid currentColor;
  background: transparent;
  cursor: pointer;
}
`;

const scriptJs = `const button = document.getElementById("counter");
let clicks = 0;

button.addEventListener("click", () => {
  clicks += 1;
  button.textContent = \`Clicked \${clicks} \${clicks === 1 ? "time" : "times"}\`;
});
`;

export const staticSite: Template = {
  id: "static-site",
  name: "Static site",
  description: "HTML, CSS and a little JavaScript. Runs in any preview.",
  entry: "index.html",
  files: [
    ["index.html", indexHtml],
    ["style.css", styleCss],
    ["script.js", scriptJs],
  ],
};
