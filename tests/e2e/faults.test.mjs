// Faults, injected as a user does: crash the leader from its node menu and watch another be
// elected; cut the cluster with the partition editor and watch the leader left in the
// minority fail to commit while the majority elects a leader that does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { servedApp, screenshot } from "./harness.mjs";
import {
  openCluster,
  qs,
  qsState,
  ringNodes,
  waitForLeader,
  nodeMenu,
  logStats,
  settled,
  assertNoErrors,
} from "./lib-qs.mjs";

const app = servedApp();

test("crashing the leader from its node menu gets a new leader elected", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    const first = await waitForLeader(page);
    const term = (await qsState(page)).terms[Number(first.slice(1)) - 1];

    await nodeMenu(page, first, "menu-crash");
    await page.waitForFunction(
      (n) => document.querySelector(`svg[data-testid=ring-svg] [data-node="${n}"]`)?.dataset.status === "crashed",
      first,
    );
    // The crash is in the feed as a fault, and the diagram's lifeline says so.
    await page.waitForSelector("[data-testid=feed-list] li[data-kind=fault]");
    assert.equal(
      await page.locator(`[data-testid=spacetime-svg] [data-lifeline="${first}"]`).getAttribute("class"),
      "lifeline crashed",
    );

    const second = await waitForLeader(page, { exclude: [first], timeout: 40_000 });
    assert.notEqual(second, first);
    const s = await qsState(page);
    assert.equal(s.statuses[Number(first.slice(1)) - 1], "crashed");
    assert.ok(s.terms[Number(second.slice(1)) - 1] > term, "the new leader has a later term");
    assert.equal(s.violation, null);
    await screenshot(page, "faults-new-leader-1280x800");
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

test("a partition leaves the minority leader unable to commit", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    const old = await waitForLeader(page);
    const names = (await ringNodes(page)).map((n) => n.name);
    const oldTerm = (await qsState(page)).terms[names.indexOf(old)];
    // The old leader and one follower in group B; the other three (a majority) in group A.
    const buddy = names.find((n) => n !== old);
    await page.locator("[data-testid=tab-network]").click();
    for (const n of names) {
      await page.locator(`[data-testid="group-${n}-${n === old || n === buddy ? "B" : "A"}"]`).click();
    }
    await page.locator("[data-testid=apply-partition]").click();
    // The ring draws the six links between the two sides as partitioned.
    await page.waitForFunction(
      () => document.querySelectorAll('svg[data-testid=ring-svg] [data-link][data-cut="partition"]').length === 6,
    );

    // The majority elects a leader of a later term; the old one still believes it leads.
    const handle = await page.waitForFunction(
      ([o, t]) => {
        const s = window.__qs.state();
        const names = [...document.querySelectorAll("svg[data-testid=ring-svg] g[data-node]")].map(
          (g) => g.dataset.node,
        );
        const i = s.roles.findIndex((r, k) => r === "leader" && names[k] !== o && s.terms[k] > t);
        return i >= 0 ? names[i] : null;
      },
      [old, oldTerm],
      { timeout: 40_000, polling: 100 },
    );
    const fresh = await handle.jsonValue();
    assert.equal((await ringNodes(page)).find((n) => n.name === old).role, "leader");

    // A client asks each leader for a write, from the leader's menu as a user would.
    await page.locator("[data-testid=tab-node]").click();
    await nodeMenu(page, old, "menu-client");
    await nodeMenu(page, fresh, "menu-client");
    // Two seconds of cluster time: plenty of heartbeats for either leader to commit.
    await qs(page, "advance", 2_000_000);
    await settled(page);

    const oldLog = await logStats(page, old);
    assert.ok(oldLog.entries >= 1, `the minority leader stored the write: ${JSON.stringify(oldLog)}`);
    assert.equal(oldLog.commit, 0, "but cannot commit it without a majority");
    const freshLog = await logStats(page, fresh);
    assert.ok(freshLog.commit >= 1, `the majority leader commits: ${JSON.stringify(freshLog)}`);
    const s = await qsState(page);
    assert.equal(s.roles[names.indexOf(old)], "leader", "the old leader still believes it leads");
    assert.equal(s.violation, null, "no invariant broken");
    await screenshot(page, "faults-partition-1280x800");
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});
