// Smoke test of the built app (dist/): it loads without errors, shows its header and layout,
// switches language and remembers the choice, answers the keyboard and the help key, pauses
// in a hidden tab with no frame loop left running, and looks right at two screen sizes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { servedApp, openApp, screenshot } from "./harness.mjs";

const app = servedApp();

test("the page loads without console errors and shows the header", async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  try {
    const title = page.locator("header h1");
    await title.waitFor({ state: "visible" });
    assert.equal((await title.textContent()).trim(), "QuorumScope");
    for (const area of ["ring", "controls", "invariants", "events", "logs"]) {
      assert.ok(
        await page.locator(`[data-testid=${area}]`).isVisible(),
        `the ${area} area is visible`,
      );
    }
    assert.ok(await page.locator("svg[data-testid=ring-svg]").isVisible(), "the ring SVG is drawn");
    // Give late errors (a failed fetch, a panic in a timer) a moment to surface.
    await page.waitForTimeout(500);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the language switch changes the interface and is remembered", async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  try {
    const tagline = page.locator("header .tagline");
    const english = (await tagline.textContent()).trim();
    assert.match(english, /Raft/);
    assert.equal(await page.getAttribute("html", "lang"), "en");

    await page.locator("button[data-lang=zh-CN]").click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    const chinese = (await tagline.textContent()).trim();
    assert.notEqual(chinese, english);
    assert.match(chinese, /[\u4e00-\u9fff]/, "the tagline is in Chinese");
    assert.equal(await page.getAttribute("button[data-lang=zh-CN]", "aria-pressed"), "true");

    await page.reload({ waitUntil: "load" });
    await page.locator("[data-testid=app]").waitFor({ state: "visible" });
    assert.equal((await tagline.textContent()).trim(), chinese, "the choice survives a reload");

    await page.locator("button[data-lang=en]").click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.equal((await tagline.textContent()).trim(), english);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("keyboard: space pauses and plays, arrows step, ? opens the help, Esc closes it", async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  try {
    await page.waitForFunction(() => window.__qs && window.__qs.state().playing);
    // Every node carries its name, role and status; every link its ends.
    assert.equal(await page.locator("svg g.node[data-node][data-role][data-status]").count(), 5);
    assert.equal(await page.locator("svg g.link[data-link]").count(), 10);
    await page.keyboard.press("Space");
    await page.waitForFunction(() => !window.__qs.state().playing);
    const before = await page.evaluate(() => window.__qs.state().events);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction((e) => window.__qs.state().events === e + 2, before);
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction((e) => window.__qs.state().events === e + 1, before);
    // Paused: the session is in the address bar.
    await page.waitForFunction(() => location.hash.startsWith("#share="));
    await page.keyboard.press("?");
    await page.locator("[data-testid=help]").waitFor({ state: "visible" });
    assert.ok((await page.locator("[data-testid=help] kbd").count()) >= 15, "the shortcuts are listed");
    await page.keyboard.press("Escape");
    await page.locator("[data-testid=help]").waitFor({ state: "detached" });
    await page.keyboard.press("Space");
    await page.waitForFunction(() => window.__qs.state().playing);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a hidden tab pauses and runs no frame loop; showing it again resumes", async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  try {
    await page.waitForFunction(() => window.__qs && window.__qs.state().playing);
    const setHidden = (hidden) =>
      page.evaluate((h) => {
        Object.defineProperty(document, "hidden", { value: h, configurable: true });
        Object.defineProperty(document, "visibilityState", {
          value: h ? "hidden" : "visible",
          configurable: true,
        });
        document.dispatchEvent(new Event("visibilitychange"));
      }, hidden);
    await setHidden(true);
    await page.waitForFunction(() => !window.__qs.state().playing);
    // No animation frame is requested while paused: the app's frame count stands still.
    await page.evaluate(() => window.__qs.resetFrames());
    const time = await page.evaluate(() => window.__qs.state().time);
    await page.waitForTimeout(500);
    assert.equal((await page.evaluate(() => window.__qs.frames())).length, 0, "no frames while hidden");
    assert.equal(await page.evaluate(() => window.__qs.state().time), time, "the clock stands still");
    await setHidden(false);
    await page.waitForFunction(() => window.__qs.state().playing);
    await page.waitForFunction((t) => window.__qs.state().time > t, time);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

for (const [width, height] of [
  [1280, 800],
  [1920, 1080],
]) {
  test(`screenshot at ${width}x${height}`, async () => {
    const { context, page, errors } = await openApp(app.browser, app.server.url, { width, height });
    try {
      await page.locator("header h1").waitFor({ state: "visible" });
      // Nothing may stick out sideways at this size.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0, "no horizontal scrolling");
      const file = await screenshot(page, `smoke-${width}x${height}`);
      assert.ok(statSync(file).size > 10_000, `${file} is a real screenshot`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}
