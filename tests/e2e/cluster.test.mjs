// The live Raft cluster in the built app: it plays, elects a leader, pauses, accepts a client
// request, and shows it in both languages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveStatic, launchBrowser, openApp, screenshot } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await serveStatic();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const leaderCount = (page) => page.locator("svg[data-testid=ring-svg] g.node.leader").count();

test("the cluster plays, elects one leader and commits a client request", async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    assert.equal(await page.locator("svg g.node").count(), 5, "five nodes on the ring");
    // Election timeouts are 150–300 ms of cluster time: 3–6 s on screen.
    await page.waitForFunction(
      () => document.querySelectorAll("svg g.node.leader").length === 1,
      null,
      { timeout: 30_000 },
    );
    assert.equal(await leaderCount(page), 1);
    // No invariant is reported broken.
    assert.equal(await page.locator(".invariants li.violated").count(), 0);
    assert.ok((await page.locator(".invariants li.holds").count()) >= 5);
    assert.ok((await page.locator(".event-feed li").count()) > 0, "the event feed fills");

    // Let a heartbeat tell n1 who leads, then send a request; it reaches every log.
    await page.waitForTimeout(2_500);
    await page.locator("[data-testid=client-request]").click();
    await page.waitForFunction(
      () => document.querySelectorAll(".logs .entry.committed").length >= 3,
      null,
      { timeout: 30_000 },
    );
    await screenshot(page, "cluster-leader-1280x800");

    // Pause: the clock stops. Step: exactly one more event.
    await page.locator("[data-testid=play-pause]").click();
    const time = await page.locator("[data-testid=time]").textContent();
    await page.waitForTimeout(600);
    assert.equal(await page.locator("[data-testid=time]").textContent(), time, "paused");
    const events = Number(await page.locator("[data-testid=event-count]").textContent());
    await page.locator("[data-testid=step]").click();
    await page.waitForFunction(
      (n) => Number(document.querySelector("[data-testid=event-count]").textContent) === n + 1,
      events,
    );
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the cluster is drawn in Chinese after switching language", async () => {
  const { context, page, errors } = await openApp(browser, server.url, {
    width: 1920,
    height: 1080,
  });
  try {
    await page.locator("button[data-lang=zh-CN]").click();
    await page.waitForFunction(
      () => document.querySelectorAll("svg g.node.leader").length === 1,
      null,
      { timeout: 30_000 },
    );
    const role = await page.locator("svg g.node.leader .node-role").textContent();
    assert.equal(role.trim(), "领导者");
    const feed = await page.locator(".event-feed").textContent();
    assert.match(feed, /[\u4e00-\u9fff]/, "events are rendered in Chinese");
    await screenshot(page, "cluster-zh-1920x1080");
    assert.deepEqual(errors, []);
    // Leave the next visitor in English.
    await page.locator("button[data-lang=en]").click();
  } finally {
    await context.close();
  }
});
