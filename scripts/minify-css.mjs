// Minifies the given stylesheets in place (build-web.sh runs it on dist/static/*.css): drops
// comments and the whitespace CSS does not need. Only for the project's own stylesheets,
// which keep no comment markers, braces or colons inside strings.
import { readFileSync, writeFileSync } from "node:fs";

for (const file of process.argv.slice(2)) {
  const css = readFileSync(file, "utf8");
  const min = css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,>])\s*/g, "$1")
    .replace(/([{;])\s*([\w-]+)\s*:\s*/g, "$1$2:")
    .replace(/;}/g, "}")
    .trim();
  writeFileSync(file, min + "\n");
}
