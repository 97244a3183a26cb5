// Helpers for the end-to-end tests that drive the app: the `window.__qs` test hook
// (src/ui/testhook.rs) and the DOM contract of the ring, the node menu, the partition editor,
// the time slider and the panels (see the doc comments of src/ui/components/*.rs).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { openApp, ROOT } from "./harness.mjs";

/** Opens the app at `url` and waits for `window.__qs` and the first drawn node. */
export async function openCluster(browser, url, viewport) {
  const opened = await openApp(browser, url, viewport);
  await opened.page.waitForFunction(() => window.__qs && document.querySelector("[data-node]"), null, {
    timeout: 20_000,
  });
  return opened;
}

/** `__qs.state()`: time, events, horizon, trace_hash, leader, roles, statuses, terms, … */
export const qsState = (page) => page.evaluate(() => window.__qs.state());

/** Calls `__qs.<name>(arg)` and returns its result. */
export const qs = (page, name, arg) =>
  page.evaluate(([n, a]) => window.__qs[n](a), [name, arg ?? null]);

/** The nodes as the ring draws them: [{ name, role, status, term }], in ring order. */
export const ringNodes = (page) =>
  page.$$eval("svg[data-testid=ring-svg] g[data-node]", (gs) =>
    gs.map((g) => ({
      name: g.dataset.node,
      role: g.dataset.role,
      status: g.dataset.status,
      term: g.dataset.term,
    })),
  );

/** The name of the one node the ring draws as leader, or null (none, or more than one). */
export async function ringLeader(page) {
  const leaders = (await ringNodes(page)).filter((n) => n.role === "leader");
  return leaders.length === 1 ? leaders[0].name : null;
}

/**
 * Waits, while the app plays, until the ring shows exactly one leader (not named in
 * `exclude`) and `__qs.state()` agrees. Returns its name.
 */
export async function waitForLeader(page, { exclude = [], timeout = 30_000 } = {}) {
  const handle = await page.waitForFunction(
    (ex) => {
      const gs = [...document.querySelectorAll("svg[data-testid=ring-svg] g[data-node]")];
      const leaders = gs.filter((g) => g.dataset.role === "leader" && g.dataset.status === "up");
      if (leaders.length !== 1 || ex.includes(leaders[0].dataset.node)) return null;
      const s = window.__qs.state();
      return s.leader === leaders[0].dataset.node ? s.leader : null;
    },
    exclude,
    { timeout, polling: 100 },
  );
  return handle.jsonValue();
}

/** Opens node `name`'s menu as a user does (a click on the node) and picks `item`. */
export async function nodeMenu(page, name, item, { button = "left" } = {}) {
  const node = page.locator(`svg[data-testid=ring-svg] g[data-node="${name}"]`);
  await node.click({ button });
  const menu = page.locator("[data-testid=popup-menu]");
  await menu.waitFor({ state: "visible", timeout: 5_000 });
  await menu.locator(`[data-testid=${item}]`).click();
}

/**
 * Moves the time slider to `t` (µs) as a user dragging it does: the value changes and an
 * `input` event fires. Waits until the app shows that time.
 */
export async function scrubTo(page, t) {
  const slider = page.locator("[data-testid=time-slider]");
  await slider.evaluate((el, v) => {
    const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    set.call(el, String(v));
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }, t);
  await page.waitForFunction((v) => window.__qs.state().time === v, t, { timeout: 10_000 });
}

/** Waits until the DOM has caught up with `__qs.state()` (the ring redraws on a microtask). */
export async function settled(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}

/**
 * Installs two helpers in the page: `window.__qsFrame()` resolves once the next frame has
 * been drawn (a requestAnimationFrame callback posts a message, which runs after that
 * frame's rendering), and `window.__qsSlide(t)` moves the time slider to `t` as a user does
 * (its input event).
 */
export async function installSlider(page) {
  await page.evaluate(() => {
    window.__qsFrame = () =>
      new Promise((r) =>
        requestAnimationFrame(() => {
          const c = new MessageChannel();
          c.port1.onmessage = () => r();
          c.port2.postMessage(0);
        }),
      );
    const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    window.__qsSlide = (t) => {
      const slider = document.querySelector("[data-testid=time-slider]");
      set.call(slider, String(t));
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    };
  });
}

/** A snapshot to compare two visits of the same moment: state and the ring's DOM. */
export async function moment(page) {
  await settled(page);
  const s = await qsState(page);
  return {
    time: s.time,
    events: s.events,
    trace_hash: s.trace_hash,
    leader: s.leader,
    roles: s.roles,
    statuses: s.statuses,
    terms: s.terms,
    violation: s.violation,
    ring: await ringNodes(page),
    clock: (await page.locator("[data-testid=time]").textContent()).trim(),
  };
}

/**
 * What the logs panel says of node `name`'s log: { entries, commit } (its label reads
 * "entries N · commit M", in either language: the two numbers in that order).
 */
export async function logStats(page, name) {
  const text = await page.locator(`[data-log-node="${name}"] .log-stats`).textContent();
  const [entries, commit] = (text.match(/\d+/g) ?? []).map(Number);
  assert.ok(Number.isInteger(entries) && Number.isInteger(commit), `log stats of ${name}: ${text}`);
  return { entries, commit };
}

/** Asserts that the page reported no console error, exception or failed request. */
export function assertNoErrors(errors, what = "the page") {
  assert.deepEqual(errors, [], `${what} reported errors`);
}

/**
 * A share text as a session object (`{ Raft: { v, setup, actions, at } }` or `{ Paxos: … }`)
 * and back, through examples/share_json.rs: links are postcard bytes, which only the Rust
 * side reads. `toShare` does not validate, so tampered sessions reach the app's validation.
 */
export async function fromShare(text) {
  return JSON.parse(await shareJson("decode", text));
}
export async function toShare(session) {
  return (await shareJson("encode", JSON.stringify(session))).trim();
}
function shareJson(mode, input) {
  return new Promise((resolve, reject) => {
    const child = spawn("cargo", ["run", "--quiet", "--release", "--example", "share_json", "--", mode], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`share_json ${mode}: ${err}`))));
    child.stdin.end(input);
  });
}
