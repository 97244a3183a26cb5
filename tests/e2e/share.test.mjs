// Share links: a link opened in a new page replays the identical run (same trace hash at the
// same moment, same picture); a broken or tampered link gets a clear error and a working
// default cluster.
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
  moment,
  assertNoErrors,
  fromShare,
  toShare,
} from "./lib-qs.mjs";

const app = servedApp();

test("a share link opened in a new page replays the identical run", async () => {
  const first = await openCluster(app.browser, app.server.url);
  let link;
  let shown;
  try {
    const leader = await waitForLeader(first.page);
    await nodeMenu(first.page, leader, "menu-crash");
    const other = (await ringNodes(first.page)).find((n) => n.name !== leader).name;
    await nodeMenu(first.page, other, "menu-client");
    await qs(first.page, "advance", 700_000);
    shown = await moment(first.page);
    // The address bar holds the session, as "copy link" would give it: rewritten 0.3 s
    // after a move in time (the advance), so the link of the crash alone may be there first.
    const text = await qs(first.page, "share");
    await first.page.waitForFunction(
      (t) => location.hash.startsWith("#share=") && decodeURIComponent(location.hash.slice(7)) === t,
      text,
    );
    link = first.page.url();
    assert.equal(decodeURIComponent(link.split("#share=")[1]), text, "the address holds the share text");
    assertNoErrors(first.errors, "the first page");
  } finally {
    await first.context.close();
  }

  const second = await openCluster(app.browser, link);
  try {
    await second.page.waitForFunction((t) => window.__qs.state().time === t, shown.time);
    const again = await moment(second.page);
    assert.equal(again.trace_hash, shown.trace_hash, "same trace hash at the same moment");
    assert.deepEqual(again, shown, "the new page shows the same moment");
    // And it goes on identically: one more second on both sides gives one hash.
    const s = await qs(second.page, "advance", 1_000_000);
    const third = await openCluster(app.browser, link);
    try {
      await third.page.waitForFunction((t) => window.__qs.state().time === t, shown.time);
      const t = await qs(third.page, "advance", 1_000_000);
      assert.equal(t.trace_hash, s.trace_hash, "the futures agree too");
    } finally {
      await third.context.close();
    }
    assertNoErrors(second.errors, "the page opened from the link");
  } finally {
    await second.context.close();
  }
});

for (const [what, mangle] of [
  ["garbage", () => "this-is-not-a-share-link!"],
  // Well-formed, but a cluster of twelve nodes: refused by validation.
  ["tampered", async (text) => {
    const session = await fromShare(text);
    session.Raft.setup.names = Array.from({ length: 12 }, (_, i) => `n${i + 1}`);
    return toShare(session);
  }],
  ["truncated", (text) => text.slice(0, Math.floor(text.length / 2))],
]) {
  test(`a ${what} link shows an error and a working default cluster`, async () => {
    // A real link to mangle.
    const donor = await openCluster(app.browser, app.server.url);
    let text;
    try {
      await qs(donor.page, "advance", 500_000);
      text = await qs(donor.page, "share");
    } finally {
      await donor.context.close();
    }
    const url = `${app.server.url}#share=${encodeURIComponent(await mangle(text))}`;
    const { context, page, errors } = await openCluster(app.browser, url);
    try {
      const notice = page.locator("[data-testid=notice]");
      await notice.waitFor({ state: "visible", timeout: 10_000 });
      assert.match(await notice.getAttribute("class"), /\berror\b/);
      const message = (await notice.textContent()).trim();
      assert.ok(message.length > 10, `a clear message: ${message}`);
      // The default cluster is there and runs (press play if it waits paused).
      const s = await qsState(page);
      assert.equal(s.protocol, "raft");
      assert.equal(s.nodes, 5);
      assert.equal(s.time, 0, "a fresh cluster");
      if (!s.playing) await page.locator("[data-testid=play-pause]").click();
      await waitForLeader(page);
      if (what === "garbage") await screenshot(page, "share-broken-1280x800");
      assertNoErrors(errors);
    } finally {
      await context.close();
    }
  });
}

test("a refused link says why in the page's language", async () => {
  const { context, page } = await openCluster(app.browser, app.server.url);
  try {
    await qs(page, "advance", 300_000);
    const session = await fromShare(await qs(page, "share"));
    session.Raft.setup.names = Array.from({ length: 12 }, (_, i) => `n${i + 1}`);
    const url = `${app.server.url}#share=${encodeURIComponent(await toShare(session))}`;
    // The language is remembered for the next page of this browser.
    await page.evaluate(() => localStorage.setItem("quorumscope.lang", "zh-CN"));
    const zh = await context.newPage();
    const errors = [];
    zh.on("pageerror", (err) => errors.push(`exception: ${err.message}`));
    await zh.goto(url, { waitUntil: "load" });
    const notice = zh.locator("[data-testid=notice]");
    await notice.waitFor({ state: "visible", timeout: 10_000 });
    const message = (await notice.textContent()).trim();
    assert.match(message, /集群有 1 到 9 个节点，而不是 12 个/, message);
    assert.equal(message.match(/[A-Za-z]{3,}/g), null, `no English: ${message}`);
    await screenshot(zh, "share-refused-zh-1280x800");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
