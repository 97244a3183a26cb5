// Helpers for lecture mode's end-to-end tests: the native expectations (a native run of every
// library scenario, step by step, from examples/lecture_states.rs), opening a deep link, and
// reading what the page shows (window.__qs_lecture and the stage's DOM).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readFile } from "node:fs/promises";
import { ROOT } from "./harness.mjs";

const run = promisify(execFile);

/**
 * The native run of every library scenario: { id: { steps, states: [{ step, caption: {en, zh},
 * hash, time, nodes: [{ name, status, shape, term, commit }] }] } }. Built and run with cargo
 * (quick once `cargo test --release` has built the library).
 */
export async function nativeStates() {
  const { stdout } = await run(
    "cargo",
    ["run", "--quiet", "--release", "--example", "lecture_states"],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 },
  );
  return JSON.parse(stdout);
}

/** Opens `hash` in a fresh context; resolves once lecture mode is on the page. */
export async function openLecture(browser, server, hash, { width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`exception: ${err.message}`));
  page.on("response", (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(server.url + hash, { waitUntil: "load" });
  await page.locator("[data-testid=lecture]").waitFor({ state: "visible", timeout: 15_000 });
  return { context, page, errors };
}

/** What lecture mode shows now (window.__qs_lecture). */
export function shown(page) {
  return page.evaluate(() => window.__qs_lecture);
}

/** Waits until the shown scenario is `id` at `step`, with no animation running. */
export async function settled(page, id, step) {
  await page.waitForFunction(
    ([id, step]) => {
      const s = window.__qs_lecture;
      return s && s.scenario === id && s.step === step && !s.animating;
    },
    [id, step],
    { timeout: 20_000 },
  );
  return shown(page);
}

/** The nodes as the stage draws them (its data attributes). */
export function stageNodes(page) {
  return page.$$eval("svg[data-testid=stage-svg] g.lec-stage-node", (gs) =>
    gs.map((g) => ({
      name: g.dataset.node,
      status: g.dataset.status,
      shape: g.dataset.shape,
      term: Number(g.dataset.term),
      commit: Number(g.dataset.commit),
    })),
  );
}

/** Follows a link to `hash` (a hashchange, as clicking a link does). */
export async function follow(page, hash) {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

/** Reads a finished download's bytes. */
export async function downloaded(download) {
  const file = await download.path();
  return readFile(file);
}
