// The explanation panels: the event feed (kinds, click to jump, follows the newest line
// unless the reader scrolled up), the space-time diagram (arrows drawn, click to seek), the
// message inspector (hover an arrow: every field; Drop), and the invariants panel (ticks, or
// the first violation with the events that led to it), in both languages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { servedApp, screenshot } from "./harness.mjs";
import {
  openCluster,
  qs,
  qsState,
  waitForLeader,
  settled,
  assertNoErrors,
  fromShare,
  toShare,
  installSlider,
} from "./lib-qs.mjs";

/** The diagram's geometry in its user units, read from its SVG (spacetime.rs). */
const geometry = (page) =>
  page.evaluate(() => {
    const svg = document.querySelector("[data-testid=spacetime-svg]");
    const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
    const lanes = [...svg.querySelectorAll("[data-lifeline] line.lane")];
    const num = (el, a) => Number(el.getAttribute(a));
    return {
      w,
      h,
      lanes: lanes.map((l) => num(l, "y1")),
      x0: num(lanes[0], "x1"),
      x1: num(lanes[0], "x2"),
      now: Number(svg.dataset.nowX),
      window: Number(svg.dataset.window),
    };
  });

const app = servedApp();

/** Page coordinates of the diagram's user-unit point (x, y). */
async function diagramPoint(page, g, x, y) {
  const box = await page.locator("[data-testid=spacetime-svg]").boundingBox();
  return { x: box.x + (x * box.width) / g.w, y: box.y + (y * box.height) / g.h };
}

const feedScroll = (page) =>
  page.locator("[data-testid=feed] .feed-scroll").evaluate((el) => ({
    top: el.scrollTop,
    gap: el.scrollHeight - el.scrollTop - el.clientHeight,
    overflow: el.scrollHeight - el.clientHeight,
  }));

test("the feed: a line per decision, by kind; a click jumps there; it follows the newest line", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    await waitForLeader(page);
    // A leader's heartbeat timer, firing again and again while nothing else happens, is
    // one line with a count.
    await qs(page, "advance", 600_000);
    await settled(page);
    const counts = await page.$$eval("[data-testid=feed-list] li[data-kind=timer]", (li) =>
      li.map((l) => Number(l.dataset.count)),
    );
    assert.ok(Math.max(...counts) > 1, `runs of timer lines are folded: ${counts}`);
    // Fill the feed beyond its height with client writes, then play on.
    for (let k = 0; k < 12; k++) {
      assert.equal(await qs(page, "client", k % 5), null);
      await qs(page, "advance", 120_000);
    }
    await qs(page, "play");
    await page.waitForTimeout(300);
    const kinds = await page.$$eval("[data-testid=feed-list] li", (li) => li.map((l) => l.dataset.kind));
    // While playing, the lines fill the box (those out of sight above it may be left out).
    const filled = await page.$eval("[data-testid=feed] .feed-scroll", (s) => {
      const first = s.querySelector("li");
      return first !== null && first.getBoundingClientRect().top <= s.getBoundingClientRect().top + 1;
    });
    assert.ok(filled && kinds.length > 5, `feed lines: ${kinds.length}, box filled: ${filled}`);
    for (const k of kinds) assert.ok(["note", "fault", "client", "net", "timer", "message"].includes(k), k);
    for (const k of ["note", "timer", "client"]) assert.ok(kinds.includes(k), `${k} in ${[...new Set(kinds)]}`);
    // The chips hide and show a kind.
    await page.locator("[data-testid=feed-filter-timer]").click();
    await page.waitForFunction(() => !document.querySelector("[data-testid=feed-list] li[data-kind=timer]"));
    assert.equal(await page.locator("[data-testid=feed-filter-timer]").getAttribute("aria-pressed"), "false");
    await page.locator("[data-testid=feed-filter-timer]").click();
    await page.waitForSelector("[data-testid=feed-list] li[data-kind=timer]");
    const icons = await page.$$eval("[data-testid=feed-list] .feed-icon", (s) => s.map((x) => x.textContent));
    assert.ok(icons.every((i) => i.trim().length > 0), "every line has its kind's icon");

    // Following: at the bottom while new lines arrive.
    let sc = await feedScroll(page);
    assert.ok(sc.overflow > 0, "the feed overflows its box");
    await page.waitForTimeout(1_000);
    sc = await feedScroll(page);
    assert.ok(sc.gap <= 24, `follows the newest line (gap ${sc.gap}px)`);
    assert.equal(await page.locator("[data-testid=feed-newest]").count(), 0);

    // The reader scrolls up: the feed stays where they are and offers a way back.
    // (On a busy machine headless Chromium sometimes drops a synthetic wheel event while
    // lines stream in; the reader would turn the wheel again, and so does the test.)
    await page.locator("[data-testid=feed] .feed-scroll").hover();
    const away = () =>
      page.evaluate(() => {
        const el = document.querySelector("[data-testid=feed] .feed-scroll");
        return el.scrollHeight - el.scrollTop - el.clientHeight > 1_000;
      });
    for (let turn = 0; turn < 5 && !(await away()); turn++) {
      await page.mouse.wheel(0, -1_500);
      await page.waitForTimeout(500);
    }
    assert.ok(await away(), "the reader scrolled well up");
    await page.waitForTimeout(300);
    const up = await feedScroll(page);
    const before = (await qsState(page)).events;
    await page.waitForFunction((e) => window.__qs.state().events > e + 5, before);
    await page.waitForTimeout(300);
    sc = await feedScroll(page);
    assert.ok(sc.gap > 24, `stays scrolled up while events arrive (gap ${sc.gap}px)`);
    assert.ok(Math.abs(sc.top - up.top) < 5, `the reader's place is kept (${up.top} → ${sc.top})`);
    await page.locator("[data-testid=feed-newest]").click();
    await page.waitForTimeout(300);
    sc = await feedScroll(page);
    assert.ok(sc.gap <= 24, `back at the newest line (gap ${sc.gap}px)`);

    // A click on a line goes to that moment.
    await qs(page, "pause");
    await settled(page);
    const lines = page.locator("[data-testid=feed-list] li");
    const n = await lines.count();
    const t = Number(await lines.nth(Math.floor(n / 2)).getAttribute("data-time"));
    const now = (await qsState(page)).time;
    assert.ok(t < now, "the line is in the past");
    // Found by its time, not its position: scrolling it into view leaves the bottom, and
    // the older lines come back above it.
    const target = page.locator(`[data-testid=feed-list] li[data-time="${t}"]`).first();
    await target.scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    await target.click();
    await page.waitForFunction((v) => window.__qs.state().time === v, t);
    await settled(page);
    const last = page.locator("[data-testid=feed-list] li").last();
    assert.ok(Number(await last.getAttribute("data-time")) <= t, "the feed now ends at that moment");
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

test("a seek draws the feed lines in view at once and the older ones on the next frame", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    await waitForLeader(page);
    await qs(page, "pause");
    for (let k = 0; k < 60; k++) {
      assert.equal(await qs(page, "client", k % 5), null);
      await qs(page, "advance", 100_000);
    }
    await qs(page, "advance", 500_000);
    await settled(page);
    // Seek with the time slider, as a user does, to two earlier moments, each before the
    // oldest line in the page, so that it replaces every line. Read the feed when the
    // seek's frame is drawn, then three frames later.
    await installSlider(page);
    const seen = await page.evaluate(async () => {
      const scroll = document.querySelector("[data-testid=feed] .feed-scroll");
      const read = () => {
        const li = [...document.querySelectorAll("[data-testid=feed-list] li")];
        return {
          lines: li.length,
          last: Number(li[li.length - 1]?.dataset.time),
          filled: scroll.scrollHeight >= scroll.clientHeight,
          gap: scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight,
          lastInView: li.length > 0 && li[li.length - 1].getBoundingClientRect().bottom <= scroll.getBoundingClientRect().bottom + 1,
          firstAbove: li.length > 0 && li[0].getBoundingClientRect().top <= scroll.getBoundingClientRect().top + 1,
        };
      };
      const out = [];
      for (let k = 0; k < 2; k++) {
        const oldest = Number(document.querySelector("[data-testid=feed-list] li").dataset.time);
        const t = Math.floor(oldest * 0.75);
        await window.__qsFrame();
        window.__qsSlide(t);
        await window.__qsFrame();
        const first = read();
        for (let k = 0; k < 3; k++) await window.__qsFrame();
        out.push({ t, first, later: read() });
      }
      return out;
    });
    for (const { t, first, later } of seen) {
      const what = JSON.stringify({ t, first, later });
      // The seek's frame: the box is full and ends at the newest line, at its bottom.
      assert.ok(first.filled && first.firstAbove, `the box is full at once: ${what}`);
      assert.ok(first.lastInView && first.gap <= 24, `the newest line is in view: ${what}`);
      assert.ok(first.last <= t, `lines up to that moment: ${what}`);
      // The next frames: the older lines above, the same newest line still at the bottom.
      assert.ok(later.lines > first.lines, `the older lines came: ${what}`);
      assert.equal(later.lines, 48, `as many lines as while following: ${what}`);
      assert.equal(later.last, first.last, what);
      assert.ok(later.lastInView && later.gap <= 24, `still at the newest line: ${what}`);
    }
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

test("the space-time diagram draws the messages and a click on it seeks", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    await waitForLeader(page);
    await qs(page, "advance", 2_500_000);
    await settled(page);
    const s = await qsState(page);
    const st = page.locator("[data-testid=spacetime]");
    assert.equal(Number(await page.locator("[data-testid=spacetime-svg]").getAttribute("data-now")), s.time);
    assert.equal(await page.locator("[data-testid=spacetime-svg] [data-lifeline]").count(), 5);
    const arrows = Number(await st.getAttribute("data-arrows"));
    assert.ok(arrows > 50, `arrows in the last 2 s: ${arrows}`);
    // The canvas really has ink on it: the worker that draws it counts its pixels.
    const inked = await page.$$eval("[data-testid=spacetime] canvas[data-surface]", (cs) => {
      const pen = window.__qs.pen();
      return new Promise((done) => {
        pen.addEventListener("message", (e) => done(e.data.ink), { once: true });
        pen.postMessage({ ink: cs.map((c) => Number(c.dataset.surface)) });
      });
    });
    assert.ok(inked > 2_000, `painted pixels: ${inked}`);
    const kinds = await page.$$eval("[data-testid=spacetime-legend] [data-kind]", (li) => li.map((l) => l.dataset.kind));
    assert.ok(kinds.includes("Heartbeat"), `legend kinds: ${kinds}`);

    // A click on the plot, above the lifelines (no arrow there), 1 s back.
    const g = await geometry(page);
    assert.equal(g.now, g.x1, "past the first 2 s, the current time is the right edge");
    const p = await diagramPoint(page, g, g.now - (g.x1 - g.x0) / 2, 4);
    await page.mouse.click(p.x, p.y);
    const want = s.time - g.window / 2;
    await page.waitForFunction((t) => window.__qs.state().time < t, s.time);
    const got = (await qsState(page)).time;
    assert.ok(Math.abs(got - want) <= 8_000, `seeked to ${got}µs, about ${want}µs`);
    assert.equal((await qsState(page)).playing, false);
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

test("hovering an arrow in flight shows every field; Drop drops it", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    await waitForLeader(page);
    await qs(page, "pause");
    await page.locator("[data-testid=tab-node]").click();
    const st = page.locator("[data-testid=spacetime]");
    // Step until several messages are in flight.
    for (let k = 0; k < 200 && Number(await st.getAttribute("data-in-flight")) < 3; k++) {
      await qs(page, "step");
      await settled(page);
    }
    assert.ok(Number(await st.getAttribute("data-in-flight")) >= 3, "messages in flight");

    // In-flight arrows end on the current-time line: sweep the pointer down just left of it.
    const g = await geometry(page);
    let id = "";
    let at;
    for (let y = g.lanes[0] - 2; y <= g.lanes[4] + 2 && !id; y += 0.5) {
      at = await diagramPoint(page, g, g.now - 1, y);
      await page.mouse.move(at.x, at.y);
      if ((await st.getAttribute("data-hovered-state")) === "in-flight") {
        id = (await st.getAttribute("data-hovered")) ?? "";
      }
    }
    assert.ok(id, "an arrow in flight is under the pointer somewhere on the current-time line");
    const inspector = page.locator("[data-testid=inspector]");
    await page.waitForFunction((i) => document.querySelector("[data-testid=inspector]")?.dataset.msg === i, id);
    const json = await page.locator("[data-testid=inspector-json]").textContent();
    const fields = JSON.parse(json);
    const kind = Object.keys(fields)[0];
    assert.ok(
      ["AppendEntries", "AppendEntriesReply", "RequestVote", "RequestVoteReply"].includes(kind),
      `a Raft message: ${kind}`,
    );
    assert.ok("term" in fields[kind], `every field, with the term: ${json}`);

    // A click pins it; Drop drops it.
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction((i) => document.querySelector("[data-testid=spacetime]").dataset.selected === i, id);
    const before = await qsState(page);
    const dropped = Number(await st.getAttribute("data-dropped"));
    await inspector.locator("[data-testid=inspector-drop]").click();
    await page.waitForFunction((m) => window.__qs.state().messages === m - 1, before.messages);
    await settled(page);
    assert.equal(Number(await st.getAttribute("data-dropped")), dropped + 1, "the diagram shows it dropped (×)");
    const net = await page.$$eval("[data-testid=feed-list] li[data-kind=net]", (li) => li.map((l) => l.textContent));
    assert.ok(net.length > 0, "the drop is in the feed");
    await screenshot(page, "panels-inspector-1280x800");
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

test("a message on the ring: hovering shows its fields, a click keeps it shown, Drop drops it", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    await waitForLeader(page);
    await qs(page, "pause");
    await page.locator("[data-testid=tab-node]").click();
    // Step until a message is in flight, half-way along its link (clear of the nodes).
    let msg;
    for (let k = 0; k < 300 && !msg; k++) {
      await qs(page, "step");
      const all = await qs(page, "ringMessages");
      msg = all.find((m) => !all.some((o) => o !== m && Math.hypot(o.x - m.x, o.y - m.y) < 30));
    }
    assert.ok(msg, "a message in flight on the ring, away from the others");
    await settled(page);
    const canvas = page.locator("[data-testid=ring-motion]");
    assert.equal(Number(await canvas.getAttribute("data-messages")), (await qs(page, "ringMessages")).length);
    // The ring's user units fit its SVG's box, centred.
    const box = await page.locator("svg[data-testid=ring-svg]").boundingBox();
    const side = Math.min(box.width, box.height);
    const at = {
      x: box.x + (box.width - side) / 2 + (msg.x * side) / 600,
      y: box.y + (box.height - side) / 2 + (msg.y * side) / 600,
    };
    await page.mouse.move(at.x, at.y);
    await page.waitForFunction((id) => document.querySelector("[data-testid=inspector]")?.dataset.msg === id, String(msg.id));
    assert.equal(await canvas.getAttribute("data-hovered"), String(msg.id));
    const fields = JSON.parse(await page.locator("[data-testid=inspector-json]").textContent());
    assert.ok("term" in Object.values(fields)[0], "every field, with the term");
    await screenshot(page, "panels-ring-message-1280x800");

    const before = await qsState(page);
    // A click shows the message (as the Node tab says), and keeps it shown after the pointer
    // leaves; it drops nothing.
    await page.mouse.click(at.x, at.y);
    await page.mouse.move(at.x + 400, at.y + 400);
    await page.waitForTimeout(150);
    assert.equal(await page.locator("[data-testid=inspector]").getAttribute("data-msg"), String(msg.id));
    assert.equal((await qsState(page)).messages, before.messages, "a click drops nothing");
    // Dropping is the inspector's explicit Drop.
    await page.locator("[data-testid=inspector-drop]").click();
    await page.waitForFunction((m) => window.__qs.state().messages === m - 1, before.messages);
    const after = await qs(page, "ringMessages");
    assert.ok(!after.some((m) => m.id === msg.id), "the message is gone from the ring");
    const links = await page.$$eval("svg[data-testid=ring-svg] [data-link]", (ls) => ls.map((l) => l.dataset.cut));
    assert.ok(links.every((c) => c === "none"), "no link was cut by the click");
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

test("a broken invariant shows the first violation and the events that led to it", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    // A 3-node Raft cluster with the unsafe switch that skips the §5.4.1 vote check.
    await qs(page, "pause");
    const session = await fromShare(await qs(page, "share"));
    const shared = session.Raft;
    shared.setup.names = ["n1", "n2", "n3"];
    shared.setup.config.unsafe_vote_without_log_check = true;
    shared.setup.durable = [];
    shared.actions = [];
    shared.at = 0;
    const text = await toShare(session);
    assert.equal(await qs(page, "load", text), null, "the unsafe session loads");
    assert.equal((await qsState(page)).nodes, 3);

    // The story of scenarios/raft-unsafe-vote-without-log-check.scn, by hand.
    const act = async (a) => assert.equal(await qs(page, "act", a), null, a);
    await act("timeout 0");
    await qs(page, "advance", 300_000);
    assert.equal((await qsState(page)).leader, "n1");
    await act("crash 2");
    assert.equal(await qs(page, "client", 0), null);
    await qs(page, "advance", 500_000);
    await act("crash 0");
    await act("restart 2");
    await act("timeout 2");
    await qs(page, "advance", 1_000_000);
    const s = await qsState(page);
    assert.equal(s.violation, "Leader Completeness", JSON.stringify(s));
    await settled(page);

    const broken = await page.$$eval("[data-testid=invariant-list] [data-holds=false]", (li) =>
      li.map((l) => l.dataset.invariant),
    );
    assert.deepEqual(broken, ["Leader Completeness"]);
    const box = page.locator("[data-testid=violation]");
    assert.ok(await box.isVisible());
    assert.match(await box.textContent(), /Leader Completeness/);
    const led = await page.$$eval("[data-testid=violation-trace] li", (li) => li.map((l) => l.textContent));
    assert.ok(led.length >= 3, `the events that led to it: ${led.join(" | ")}`);
    assert.ok(led.some((l) => l.includes("n3")), "they involve n3");
    await screenshot(page, "panels-violation-1280x800");

    // "Jump there" goes back to the moment it broke; in Chinese it reads in Chinese.
    await page.locator("[data-testid=violation-jump]").click();
    await page.waitForFunction((t) => window.__qs.state().time < t, s.time);
    assert.equal((await qsState(page)).violation, "Leader Completeness", "the moment it broke");
    await page.locator("button[data-lang=zh-CN]").click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    await settled(page);
    assert.match(await box.textContent(), /领导者完整性/);
    assert.match(await page.locator("[data-testid=spacetime-legend]").textContent(), /请求/);
    assert.match(await page.locator("[data-testid=feed-list]").textContent(), /[\u4e00-\u9fff]/);
    await screenshot(page, "panels-violation-zh-1280x800");
    await page.locator("button[data-lang=en]").click();
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});
