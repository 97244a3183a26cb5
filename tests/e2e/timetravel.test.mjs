// Scrubbing: moments seen while the cluster played (with a crash in between) look exactly
// the same when the time slider brings the user back to them: the same state in `__qs`, the
// same roles, statuses and terms on the ring, the same clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { servedApp, screenshot } from "./harness.mjs";
import { openCluster, qs, waitForLeader, nodeMenu, moment, scrubTo, assertNoErrors } from "./lib-qs.mjs";

const app = servedApp();

/** Pauses, records what is shown, and plays on. */
async function record(page, seen) {
  await qs(page, "pause");
  seen.push(await moment(page));
  await qs(page, "play");
}

test("scrubbing back with the slider shows what was shown at that time", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    const seen = [];
    await page.waitForTimeout(1_500);
    await record(page, seen); // before any leader
    const leader = await waitForLeader(page);
    await record(page, seen); // a leader
    await nodeMenu(page, leader, "menu-crash");
    await page.waitForTimeout(400);
    await record(page, seen); // just after the crash
    await waitForLeader(page, { exclude: [leader], timeout: 40_000 });
    await record(page, seen); // a new leader
    await page.waitForTimeout(1_000);
    await qs(page, "pause");
    const end = await moment(page);
    seen.push(end);

    const times = seen.map((m) => m.time);
    assert.deepEqual([...times].sort((a, b) => a - b), times, "moments in order");
    assert.ok(new Set(seen.map((m) => m.leader)).size >= 3, "the moments differ (none, first, second leader)");

    // Back in time, out of order, then forward again to the end.
    for (const k of [1, 0, 2, 3, 4, 2]) {
      await scrubTo(page, seen[k].time);
      const again = await moment(page);
      assert.deepEqual(again, seen[k], `the moment at t=${seen[k].time}µs is shown as before`);
    }
    assert.equal(Number(await page.locator("[data-testid=time-slider]").getAttribute("max")), end.time);
    await screenshot(page, "timetravel-1280x800");
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});
