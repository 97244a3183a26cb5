// The live cluster in the built app, as a user first sees it: the page loads without errors,
// the ring, the space-time diagram, the event feed and the invariants panel are drawn, a
// leader gets elected and every panel shows it. Screenshots at 1280x800 and 1920x1080.
import { test } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { servedApp, screenshot } from "./harness.mjs";
import { openCluster, qsState, ringNodes, waitForLeader, assertNoErrors } from "./lib-qs.mjs";

const app = servedApp();

test("the page loads without errors and draws the default cluster and every panel", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    const nodes = await ringNodes(page);
    assert.equal(nodes.length, 5, "five nodes on the ring");
    assert.deepEqual(
      nodes.map((n) => n.name),
      ["n1", "n2", "n3", "n4", "n5"],
    );
    const s = await qsState(page);
    assert.equal(s.protocol, "raft");
    assert.equal(s.nodes, 5);
    for (const id of ["spacetime", "feed", "invariants", "inspector"]) {
      assert.ok(await page.locator(`#${id}`).isVisible(), `#${id} is laid out and visible`);
    }
    // One lifeline per node in the space-time diagram.
    assert.equal(await page.locator("[data-testid=spacetime-svg] [data-lifeline]").count(), 5);
    // Every invariant is listed, and holds.
    const holds = await page.$$eval("[data-testid=invariant-list] [data-invariant]", (li) =>
      li.map((l) => l.dataset.holds),
    );
    assert.ok(holds.length >= 5, `invariants listed: ${holds.length}`);
    assert.ok(holds.every((h) => h === "true"), "every invariant holds at the start");
    await page.waitForTimeout(800);
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

test("a leader gets elected, and the ring, diagram, feed and invariants show it", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    const leader = await waitForLeader(page);
    assert.match(leader, /^n[1-5]$/);
    const s = await qsState(page);
    assert.equal(s.roles.filter((r) => r === "leader").length, 1, "exactly one leader");
    assert.equal(s.violation, null);

    // The diagram drew the election's messages (RequestVote and votes at least).
    await page.waitForFunction(
      () => Number(document.querySelector("[data-testid=spacetime]").dataset.arrows) > 4,
    );
    const kinds = await page.$$eval("[data-testid=spacetime-legend] [data-kind]", (li) =>
      li.map((l) => l.dataset.kind),
    );
    assert.ok(kinds.includes("RequestVote"), `kinds in view: ${kinds}`);

    // The feed explains the election in plain words, with the rule it follows.
    const notes = await page.$$eval("[data-testid=feed-list] li[data-kind=note]", (li) =>
      li.map((l) => l.textContent),
    );
    assert.ok(notes.length > 0, "the feed has decisions");
    assert.ok(
      notes.some((t) => t.includes(leader) && /§|Figure|rule/i.test(t)),
      `a decision about ${leader} cites its rule: ${notes.slice(-5).join(" | ")}`,
    );
    assert.equal(await page.locator("[data-testid=violation]").count(), 0);
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

for (const [width, height] of [
  [1280, 800],
  [1920, 1080],
]) {
  test(`screenshot with a leader at ${width}x${height}`, async () => {
    const { context, page, errors } = await openCluster(app.browser, app.server.url, { width, height });
    try {
      await waitForLeader(page);
      // Let heartbeats and replies fill the diagram a little.
      await page.waitForTimeout(1_500);
      await qsState(page);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0, "no horizontal scrolling");
      for (const id of ["spacetime", "feed", "invariants"]) {
        const box = await page.locator(`#${id}`).boundingBox();
        assert.ok(box && box.width > 150 && box.height > 40, `#${id} has room: ${JSON.stringify(box)}`);
      }
      const file = await screenshot(page, `cluster-${width}x${height}`);
      assert.ok(statSync(file).size > 20_000, `${file} is a real screenshot`);
      assertNoErrors(errors);
    } finally {
      await context.close();
    }
  });
}
