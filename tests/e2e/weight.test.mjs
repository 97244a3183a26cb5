// Page weight of the built explorer (dist/): every file the page loads (html, js, css, wasm),
// each compressed with gzip -9 as tests/e2e/bench.mjs's weight() measures it, must sum to at
// most 300,000 bytes, the page's target (README, "Figures"). The per-file sizes are printed
// (`node --test tests/e2e/weight.test.mjs`) so a failure says which file grew.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { servedApp, openApp, DIST } from "./harness.mjs";

/** The explorer page's target, in bytes of gzip -9 output summed over its files. */
const LIMIT = 300_000;

const app = servedApp();

test("the explorer page loads at most 300 KB gzipped (every file, gzip -9)", async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  const loaded = [];
  // Files from the server; a blob: URL (the canvas worker) is made from JS already counted.
  page.on("response", (r) => {
    const url = new URL(r.url());
    if (url.protocol === "http:" && url.origin === new URL(app.server.url).origin) {
      loaded.push(url.pathname);
    }
  });
  try {
    // Reload with the listener in place, so every file of a fresh load is recorded; first let
    // the first load finish its requests (the canvas worker's blob: script), which a reload
    // would abort and `errors` would record as a failed request.
    await page.waitForLoadState("networkidle");
    await page.reload({ waitUntil: "load" });
    await page.locator("[data-testid=app]").waitFor({ state: "visible" });
    await page.locator("[data-node]").first().waitFor({ state: "attached" });
    await page.waitForLoadState("networkidle");
    assert.deepEqual(errors, []);

    const files = [...new Set(loaded)].filter((p) => !p.startsWith("/favicon"));
    const rows = [];
    for (const p of files) {
      const file = path.join(DIST, p === "/" ? "index.html" : decodeURIComponent(p));
      const body = await readFile(file);
      rows.push({ file: path.relative(DIST, file), gzip: gzipSync(body, { level: 9 }).length });
    }
    rows.sort((a, b) => b.gzip - a.gzip);
    const total = rows.reduce((sum, r) => sum + r.gzip, 0);
    for (const r of rows) console.log(`${r.file.padEnd(36)} ${String(r.gzip).padStart(8)} B gzip -9`);
    console.log(`${"total".padEnd(36)} ${String(total).padStart(8)} B gzip -9 (limit ${LIMIT})`);

    const kinds = rows.map((r) => path.extname(r.file));
    for (const ext of [".html", ".js", ".wasm", ".css"]) {
      assert.ok(kinds.includes(ext), `the page loaded a ${ext} file (${rows.map((r) => r.file)})`);
    }
    assert.ok(
      rows.some((r) => r.file === "pkg/quorumscope-web_bg.wasm"),
      "the explorer's wasm module is what the page loaded",
    );
    assert.ok(total <= LIMIT, `the page weighs ${total} bytes gzipped, over ${LIMIT}`);
  } finally {
    await context.close();
  }
});
