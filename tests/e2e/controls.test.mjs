// Controls that do what they say, and the browser's preferences (issue 21, items 3 and 4):
// shortcuts whatever has the focus, a click on a message shows it (Drop drops it, a step back
// undoes that), a step marks its event, Paxos starts with a request in flight, the feed's
// newest line is in its box, reduced motion, the dark theme, a Chinese browser, Tab and the
// focus ring.
import { test } from "node:test";
import assert from "node:assert/strict";
import { servedApp, screenshot } from "./harness.mjs";
import { openCluster, qs, qsState, settled, waitForLeader, assertNoErrors } from "./lib-qs.mjs";

const app = servedApp();

/** Opens the explorer in a context with these options (locale, reducedMotion, colorScheme). */
async function openWith(options, { width = 1280, height = 800, hash = "" } = {}) {
  const context = await app.browser.newContext({ viewport: { width, height }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`exception: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  await page.goto(app.server.url + hash, { waitUntil: "load" });
  await page.waitForFunction(() => window.__qs && document.querySelector("[data-node]"), null, {
    timeout: 20_000,
  });
  return { context, page, errors };
}

test("shortcuts work after a click on the time slider, the speed slider or a button", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    await qs(page, "advance", 200_000);
    const playing = async () => (await qsState(page)).playing;

    // The time slider: a click seeks (and pauses); Space then plays and pauses, and the
    // arrows step one event (the slider does not also move by its own step).
    await page.locator("[data-testid=time-slider]").click();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "time-slider");
    await qs(page, "pause");
    await page.keyboard.press("Space");
    assert.equal(await playing(), true, "Space on the time slider plays");
    await page.keyboard.press("Space");
    assert.equal(await playing(), false, "Space on the time slider pauses");
    let s = await qsState(page);
    await page.keyboard.press("ArrowRight");
    let t = await qsState(page);
    assert.equal(t.events, s.events + 1, "→ on the time slider steps one event");
    await settled(page);
    assert.equal(Number(await page.locator("[data-testid=time-slider]").inputValue()), t.time);
    await page.keyboard.press("ArrowLeft");
    assert.equal((await qsState(page)).events, s.events, "← on the time slider steps back");

    // The speed slider: the arrows step events; the speed stays.
    await page.locator("[data-testid=speed]").click();
    await qs(page, "pause");
    const speed = (await qsState(page)).speed;
    s = await qsState(page);
    await page.keyboard.press("ArrowRight");
    t = await qsState(page);
    assert.equal(t.events, s.events + 1, "→ on the speed slider steps one event");
    assert.equal(t.speed, speed, "and does not change the speed");
    await page.keyboard.press("Space");
    assert.equal(await playing(), true, "Space on the speed slider plays");
    await qs(page, "pause");

    // A button: Space toggles playback, and does not press the button too (a step would
    // pause again).
    await page.locator("[data-testid=step]").click();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "step");
    s = await qsState(page);
    await page.keyboard.press("Space");
    await page.waitForTimeout(150);
    assert.equal(await playing(), true, "Space on a button plays (and does not step)");
    await page.keyboard.press("Space");
    assert.equal(await playing(), false);
    // Enter still presses the focused button.
    s = await qsState(page);
    await page.keyboard.press("Enter");
    await page.waitForTimeout(100);
    assert.equal((await qsState(page)).events, s.events + 1, "Enter presses the step button");

    // A text field keeps its keys: the seed field takes the digits and the arrows.
    await page.locator("[data-testid=tab-cluster]").click();
    const seed = page.locator("[data-testid=seed]");
    await seed.fill("");
    s = await qsState(page);
    await seed.type("42 ");
    assert.equal(await seed.inputValue(), "42");
    assert.equal((await qsState(page)).playing, s.playing, "Space in a text field types");
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

test("a step marks its event in the feed and the diagram; the newest line is in the box", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    await waitForLeader(page);
    // The review's way: R while playing, then Space to pause: the newest line of the feed
    // (which follows the newest event) lies inside the feed's box.
    await page.keyboard.press("r");
    await page.waitForTimeout(1_500);
    await page.keyboard.press("Space");
    await page.waitForTimeout(300);
    const newestInside = () =>
      page.evaluate(() => {
        const box = document.querySelector(".qs-feed .feed-scroll").getBoundingClientRect();
        const panel = document.querySelector(".area-events").getBoundingClientRect();
        const lines = document.querySelectorAll("[data-testid=feed-list] li");
        const l = lines[lines.length - 1].getBoundingClientRect();
        return { bottom: l.bottom, box: Math.min(box.bottom, panel.bottom), top: l.top, boxTop: box.top };
      });
    let inside = await newestInside();
    assert.ok(inside.bottom <= inside.box + 1, `after a pause, the newest line ends inside its box (${JSON.stringify(inside)})`);
    await page.keyboard.press("ArrowRight");
    await settled(page);
    const mark = async () => {
      const current = await page.$$eval("[data-testid=feed-list] li.current", (ls) =>
        ls.map((l) => ({ kind: l.dataset.kind, time: Number(l.dataset.time), text: l.textContent })),
      );
      const diagram = await page.locator("[data-testid=step-mark]").getAttribute("data-time");
      return { current, diagram: Number(diagram) };
    };
    const m1 = await mark();
    const s1 = await qsState(page);
    assert.ok(m1.current.length > 0, "the stepped event's lines are marked in the feed");
    assert.ok(m1.current.every((l) => l.time === m1.diagram), "feed and diagram mark the same time");
    assert.ok(m1.diagram <= s1.time);
    const last = page.locator("[data-testid=feed-list] li").last();
    assert.equal(await last.getAttribute("aria-current"), "step", "the newest line is the marked one");
    await page.keyboard.press("ArrowLeft");
    await settled(page);
    const m0 = await mark();
    assert.ok(m0.diagram <= m1.diagram && m0.current.length > 0, "a step back marks the event before");
    assert.notDeepEqual(m0, m1, "one step back visibly changed the mark");

    // The newest line lies inside the feed's box (while it follows the newest event).
    inside = await newestInside();
    assert.ok(inside.bottom <= inside.box + 1, `the newest line ends inside its box (${JSON.stringify(inside)})`);
    assert.ok(inside.top >= inside.boxTop - 1);
    // Playing, the mark goes (and comes back on the next pause).
    await qs(page, "play");
    await page.waitForTimeout(400);
    assert.equal(await page.locator("[data-testid=step-mark]").count(), 0);
    await screenshot(page, "controls-step-mark-1280x800");
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

test("a click on a message shows it; Drop drops it; a step back brings it back", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    await waitForLeader(page);
    await qs(page, "pause");
    let msg;
    for (let k = 0; k < 300 && !msg; k++) {
      await qs(page, "step");
      const all = await qs(page, "ringMessages");
      msg = all.find((m) => !all.some((o) => o !== m && Math.hypot(o.x - m.x, o.y - m.y) < 30));
    }
    assert.ok(msg, "a message in flight, clear of the others");
    await settled(page);
    const box = await page.locator("svg[data-testid=ring-svg]").boundingBox();
    const side = Math.min(box.width, box.height);
    const x = box.x + (box.width - side) / 2 + (msg.x * side) / 600;
    const y = box.y + (box.height - side) / 2 + (msg.y * side) / 600;
    const before = await qsState(page);
    await page.mouse.click(x, y);
    await page.mouse.move(5, 5);
    await settled(page);
    assert.equal(await page.locator("[data-testid=inspector]").getAttribute("data-msg"), String(msg.id));
    assert.equal((await qsState(page)).messages, before.messages, "the click dropped nothing");
    await page.locator("[data-testid=inspector-drop]").click();
    await page.waitForFunction((m) => window.__qs.state().messages === m - 1, before.messages);
    // One step back undoes the drop: the same moment, the message in flight again.
    await page.keyboard.press("ArrowLeft");
    await settled(page);
    const back = await qsState(page);
    assert.equal(back.events, before.events);
    assert.equal(back.time, before.time);
    assert.ok((await qs(page, "ringMessages")).some((m) => m.id === msg.id), "the message is back");
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

test("Paxos starts with a client request in flight; RequestVote and Vote differ; speed label", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    await page.locator("[data-testid=tab-cluster]").click();
    await page.locator("[data-testid=protocol-paxos]").check();
    await page.locator("[data-testid=new-cluster]").click();
    await page.waitForFunction(() => window.__qs.state().protocol === "paxos");
    await page.waitForFunction(() => window.__qs.state().events > 0, null, { timeout: 10_000 });
    await page.waitForFunction(() => window.__qs.ringMessages().some((m) => m.kind === "Prepare"), null, {
      timeout: 10_000,
    });
    const kinds = await page.$$eval("[data-testid=feed-list] li", (ls) => ls.map((l) => l.dataset.kind));
    assert.ok(kinds.includes("client"), "the feed shows the client request");

    // The ring names each node for what it does in Paxos (a proposer's phase, not a Raft
    // role), in both languages.
    await qs(page, "pause");
    await settled(page);
    const words = (name) =>
      page.locator(`svg[data-testid=ring-svg] g[data-node=${name}]`).getAttribute("aria-label");
    assert.match(await words("n1"), /^n1: phase [12] \((prepare|accept)\)/);
    assert.match(await words("n2"), /^n2: idle proposer/);
    await screenshot(page, "paxos-ring-phase1-en");
    await page.locator(`button[data-lang="zh-CN"]`).click();
    await settled(page);
    assert.match(await words("n1"), /^n1: 阶段[一二]（(准备|接受)）/);
    assert.match(await words("n2"), /^n2: 空闲提议者/);
    await screenshot(page, "paxos-ring-phase1-zh");
    await page.locator("button[data-lang=en]").click();
    await qs(page, "play");

    // The speed slider's label at every position it can take near real time.
    const slider = page.locator("[data-testid=speed]");
    for (const [v, want] of [
      ["0", /^(real time|实时)/],
      ["-0.01", /^1\/1\.02×$/],
      ["-0.1", /^1\/1\.26×$/],
      ["-1.3", /^1\/20×$/],
      ["-2.5", /^1\/316×$/],
    ]) {
      await slider.evaluate((el, value) => {
        const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
        set.call(el, value);
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }, v);
      await settled(page);
      const label = await page.locator("[data-testid=speed-value]").textContent();
      assert.match(label, want, `speed ${v}`);
    }
    assertNoErrors(errors);
  } finally {
    await context.close();
  }

  // The diagram's legend: RequestVote and Vote in different colours.
  const raft = await openCluster(app.browser, app.server.url);
  try {
    await waitForLeader(raft.page);
    await qs(raft.page, "pause");
    await settled(raft.page);
    const colour = (k) =>
      raft.page
        .locator(`[data-testid=spacetime-legend] li[data-kind=${k}] line`)
        .getAttribute("stroke");
    const [rv, v] = [await colour("RequestVote"), await colour("Vote")];
    assert.ok(rv && v && rv !== v, `RequestVote ${rv}, Vote ${v}`);
  } finally {
    await raft.context.close();
  }
});

test("two leaders in different terms during a partition are explained", async () => {
  const { context, page, errors } = await openCluster(app.browser, app.server.url);
  try {
    const leader = await waitForLeader(page);
    await qs(page, "pause");
    const i = Number(leader.slice(1)) - 1;
    const rest = [0, 1, 2, 3, 4].filter((k) => k !== i).join(",");
    assert.equal(await qs(page, "act", `partition ${i} | ${rest}`), null);
    await qs(page, "advance", 1_500_000);
    const roles = (await qsState(page)).roles.filter((r) => r === "leader");
    assert.equal(roles.length, 2, "two leaders on the ring");
    const note = page.locator("[data-testid=leaders-note]");
    assert.match(await note.textContent(), /Election Safety allows at most one leader per term \(§5\.2\)/);
    await note.scrollIntoViewIfNeeded();
    await screenshot(page, "controls-two-leaders-1280x800");
    await page.keyboard.press("l");
    await settled(page);
    assert.match(await note.textContent(), /选举安全要求每个任期至多一个领导者（§5\.2）/);
    assert.equal(await qs(page, "act", "heal"), null);
    await qs(page, "advance", 500_000);
    assert.equal(await note.count(), 0, "healed, the old leader steps down and the note goes");
    assertNoErrors(errors);
  } finally {
    await context.close();
  }
});

test("reduced motion: the run starts paused, messages do not fly, lecture steps jump", async () => {
  const { context, page, errors } = await openWith({ reducedMotion: "reduce" });
  try {
    await page.waitForTimeout(300);
    const s = await qsState(page);
    assert.equal(s.playing, false, "nothing plays on its own");
    assert.equal(s.events, 0);
    assert.match(await page.locator("[data-testid=notice]").textContent(), /reduced motion/);
    await qs(page, "advance", 200_000);
    let all = [];
    for (let k = 0; k < 200 && all.length === 0; k++) {
      await qs(page, "step");
      all = await qs(page, "ringMessages");
    }
    // Later in their flight, the messages are drawn where they were.
    await qs(page, "advance", 200);
    const later = await qs(page, "ringMessages");
    const both = later.filter((m) => all.some((a) => a.id === m.id));
    assert.ok(both.length > 0, "some message is still in flight");
    for (const m of both) {
      const a = all.find((x) => x.id === m.id);
      assert.deepEqual([m.x, m.y], [a.x, a.y], `message #${m.id} does not fly`);
    }
    await screenshot(page, "controls-reduced-motion-1280x800");
    assertNoErrors(errors);

    // Lecture mode: Next shows the step's end at once (no animation).
    const lec = await context.newPage();
    await lec.goto(app.server.url + "#scenario=raft-split-vote&step=1&lang=en", { waitUntil: "load" });
    const presenter = lec.locator("[data-testid=presenter]");
    await presenter.waitFor({ timeout: 20_000 });
    await lec.locator("[data-testid=next]").click();
    assert.equal(await presenter.getAttribute("data-step"), "2");
    assert.equal(await presenter.getAttribute("data-animating"), "false", "no animation");
  } finally {
    await context.close();
  }
});

test("a Chinese browser opens in Chinese unless a saved choice says otherwise", async () => {
  const zh = await openWith({ locale: "zh-CN" });
  try {
    assert.equal((await qsState(zh.page)).lang, "zh-CN");
    assert.equal(await zh.page.evaluate(() => document.documentElement.lang), "zh-CN");
    assert.match(await zh.page.locator("[data-testid=tab-node]").textContent(), /节点/);
    // The saved choice wins on the next visit.
    await zh.page.locator("button[data-lang=en]").click();
    await zh.page.reload();
    await zh.page.waitForFunction(() => window.__qs);
    assert.equal((await qsState(zh.page)).lang, "en");
    assertNoErrors(zh.errors);
  } finally {
    await zh.context.close();
  }
  const en = await openWith({ locale: "en-US" });
  try {
    assert.equal((await qsState(en.page)).lang, "en");
  } finally {
    await en.context.close();
  }
  // Lecture mode follows the browser too, and a link's lang overrides it.
  const context = await app.browser.newContext({ locale: "zh-CN" });
  try {
    const page = await context.newPage();
    await page.goto(app.server.url + "#lecture", { waitUntil: "load" });
    const lecture = page.locator("[data-testid=lecture]");
    await lecture.waitFor({ timeout: 20_000 });
    assert.equal(await lecture.getAttribute("data-lang"), "zh");
    await page.goto(app.server.url + "#scenario=raft-split-vote&lang=en", { waitUntil: "load" });
    await page.reload();
    await lecture.waitFor({ timeout: 20_000 });
    assert.equal(await lecture.getAttribute("data-lang"), "en");
  } finally {
    await context.close();
  }
});

for (const [w, h] of [
  [1280, 800],
  [1024, 768],
]) {
  test(`dark theme at ${w}x${h}, both languages; Tab reaches every control with a focus ring`, async () => {
    const { context, page, errors } = await openWith({ colorScheme: "dark" }, { width: w, height: h });
    try {
      await waitForLeader(page);
      await qs(page, "pause");
      await settled(page);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, "rgb(14, 20, 27)", "the page is dark");
      const panel = await page.evaluate(() => getComputedStyle(document.querySelector(".panel")).backgroundColor);
      assert.equal(panel, "rgb(23, 33, 44)");
      const text = await page.evaluate(() => getComputedStyle(document.querySelector(".tab")).color);
      assert.notEqual(text, "rgb(91, 102, 117)", "panel text is light on the dark panel");
      await screenshot(page, `controls-dark-en-${w}x${h}`);
      await page.keyboard.press("l");
      await settled(page);
      await screenshot(page, `controls-dark-zh-${w}x${h}`);
      await page.keyboard.press("l");

      // Tab through the page: every control gets the focus, each with a visible ring.
      await page.mouse.click(w - 3, h - 3);
      const seen = new Set();
      const unringed = [];
      for (let k = 0; k < 90; k++) {
        await page.keyboard.press("Tab");
        const f = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const cs = getComputedStyle(el);
          const within = el.closest(".file-button");
          const ringed =
            (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2) ||
            (within && getComputedStyle(within).outlineStyle !== "none");
          return { id: el.dataset.testid ?? el.dataset.node ?? el.className?.baseVal ?? el.className, ringed };
        });
        if (!f) continue;
        seen.add(f.id);
        if (!f.ringed) unringed.push(f.id);
      }
      for (const id of ["play-pause", "step", "step-back", "time-slider", "speed", "help-button", "n1", "tab-network"]) {
        assert.ok(seen.has(id), `Tab reaches ${id} (${[...seen].join(" ")})`);
      }
      assert.deepEqual(unringed, [], "every focused control shows a focus ring");
      assertNoErrors(errors);
    } finally {
      await context.close();
    }
  });
}

test("the feed is a polite live region; each node has a text alternative", async () => {
  const { context, page } = await openCluster(app.browser, app.server.url);
  try {
    await waitForLeader(page);
    const feed = page.locator("[data-testid=feed-list]");
    assert.equal(await feed.getAttribute("aria-live"), "polite");
    assert.equal(await page.locator("svg[data-testid=ring-svg]").getAttribute("role"), "group");
    const labels = await page.$$eval("svg[data-testid=ring-svg] g[data-node]", (gs) =>
      gs.map((g) => g.getAttribute("aria-label")),
    );
    for (const l of labels) assert.match(l, /^n\d: (leader|follower|candidate)[^,]*, term \d+/);
  } finally {
    await context.close();
  }
});
