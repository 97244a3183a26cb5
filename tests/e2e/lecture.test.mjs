// Lecture mode, end to end: every library scenario opened through its deep link and stepped to
// the end and back, each step compared with a native run of the same scenario
// (examples/lecture_states.rs); animation ends on the exact scripted state; languages; leaving
// and returning to the script; your own scenarios (malformed ones show line and column, and
// nothing is lost); export for slides; embed and presentation modes; switching modes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveStatic, launchBrowser, screenshot } from "./harness.mjs";
import {
  nativeStates,
  openLecture,
  shown,
  settled,
  stageNodes,
  follow,
  downloaded,
} from "./lib-lecture.mjs";

let server;
let browser;
let native;

before(async () => {
  [server, browser, native] = await Promise.all([serveStatic(), launchBrowser(), nativeStates()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Asserts that the page shows exactly the native state (model, test hook and drawing). */
async function assertMatches(page, id, expected, how) {
  const s = await settled(page, id, expected.step);
  const where = `${id} step ${expected.step} (${how})`;
  assert.equal(s.hash, expected.hash, `${where}: trace hash`);
  assert.equal(s.scriptHash, expected.hash, `${where}: the script's trace hash`);
  assert.equal(s.time, expected.time, `${where}: virtual time`);
  assert.deepEqual(s.nodes, expected.nodes, `${where}: roles, terms and commit indexes`);
  assert.deepEqual(await stageNodes(page), expected.nodes, `${where}: what the stage draws`);
  assert.equal(s.offScript, false, `${where}: on the script`);
  const hash = await page.evaluate(() => location.hash);
  assert.ok(hash.startsWith(`#scenario=${id}&step=${expected.step}&`), `${where}: link ${hash}`);
  assert.deepEqual(await shownChecks(page), expected.checks, `${where}: what must be true now`);
}

/** The expectations the narration lists: under "what must be true now", and as history. */
async function shownChecks(page) {
  const read = (sel) =>
    page.$$eval(sel, (lis) => lis.map((li) => li.querySelector(".lec-source").textContent));
  return {
    now: await read("[data-testid=checks] > ul > li.lec-check"),
    history: await read("[data-testid=checks-history] li.lec-check"),
  };
}

test("at the end of split vote step 5, what must be true now shows nothing false (en, zh)", async () => {
  for (const lang of ["en", "zh"]) {
    const { context, page, errors } = await openLecture(
      browser,
      server,
      `#scenario=raft-split-vote&step=5&lang=${lang}`,
    );
    try {
      const s = await settled(page, "raft-split-vote", 5);
      // A is in term 2 at the end of the step: "A term 1" held only before A's timer fired.
      const a = s.nodes.find((n) => n.name === "A");
      assert.equal(a.term, 2, "A is in term 2 at the step's end");
      const now = page.locator("[data-testid=checks] > ul > li.lec-check");
      const sources = await now.locator(".lec-source").allTextContents();
      assert.ok(sources.includes("expect leader C term 2"), sources.join(" | "));
      assert.ok(!sources.includes("expect A term 1"), `not listed as true now: ${sources}`);
      assert.deepEqual(
        await now.evaluateAll((lis) => lis.map((li) => li.dataset.ok)),
        sources.map(() => "true"),
      );
      const history = page.locator("[data-testid=checks-history] li.lec-check");
      assert.deepEqual(await history.locator(".lec-source").allTextContents(), ["expect A term 1"]);
      const when = await history.locator(".lec-when").textContent();
      assert.match(when, lang === "en" ? /^at \d+(\.\d+)?ms$/ : /^于 \d+(\.\d+)?ms$/);
      await screenshot(page, `lecture-split-vote-step5-${lang}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test("the picker lists every library scenario, grouped by protocol and topic, in both languages", async () => {
  const { context, page, errors } = await openLecture(browser, server, "#lecture&lang=en");
  try {
    await page.locator("[data-testid=picker]").waitFor();
    const ids = await page.$$eval("a.lec-scenario[data-scenario]", (as) =>
      as.map((a) => a.dataset.scenario),
    );
    assert.deepEqual([...ids].sort(), Object.keys(native).sort(), "every scenario, once");
    for (const p of ["raft", "paxos"]) {
      const topics = await page.locator(`section[data-protocol=${p}] .lec-topic`).count();
      assert.ok(topics >= 2, `${p} is split into topics (${topics})`);
    }
    const summaries = await page.$$eval("a.lec-scenario .lec-summary", (s) =>
      s.map((e) => e.textContent.trim()),
    );
    assert.ok(summaries.every((s) => s.length >= 20), "every entry has a summary line");
    const english = await page.locator("a.lec-scenario .lec-title").first().textContent();

    await page.click("button[data-lang=zh]");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    const chinese = await page.$$eval("a.lec-scenario .lec-summary", (s) =>
      s.map((e) => e.textContent),
    );
    assert.ok(chinese.every((s) => /[\u4e00-\u9fff]/.test(s)), "summaries in Chinese");
    assert.notEqual(await page.locator("a.lec-scenario .lec-title").first().textContent(), english);
    assert.match(await page.evaluate(() => location.hash), /lang=zh/);

    // An entry is a deep link.
    await page.click("a.lec-scenario[data-scenario=raft-split-vote]");
    const s = await settled(page, "raft-split-vote", 0);
    assert.equal(s.lang, "zh");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("every library scenario: deep link, every step forward and back matches the native run", async () => {
  const ids = Object.keys(native);
  const { context, page, errors } = await openLecture(
    browser,
    server,
    `#scenario=${ids[0]}&step=0&lang=en`,
  );
  try {
    for (const id of ids) {
      const { steps, states } = native[id];
      await follow(page, `#scenario=${id}&step=0&lang=en`);
      await assertMatches(page, id, states[0], "deep link");
      assert.equal(await page.locator("[data-testid=caption]").textContent(), states[0].caption.en);
      // Forward, one step at a time, by every means a lecturer has; S skips each animation.
      for (let k = 1; k <= steps; k++) {
        const how = ["ArrowRight", "PageDown", "button"][k % 3];
        if (how === "button") await page.click("[data-testid=next]");
        else await page.keyboard.press(how);
        await page.keyboard.press("s");
        await assertMatches(page, id, states[k], how);
        assert.equal(
          await page.locator("[data-testid=caption]").textContent(),
          states[k].caption.en,
          `${id} step ${k}: caption`,
        );
        const failed = await page.locator("li.lec-check[data-ok=false]").count();
        assert.equal(failed, 0, `${id} step ${k}: every expectation holds`);
      }
      // Next at the end does nothing.
      await page.keyboard.press("ArrowRight");
      await assertMatches(page, id, states[steps], "past the end");
      // Back, one step at a time: each earlier state exactly.
      for (let k = steps - 1; k >= 0; k--) {
        const how = ["ArrowLeft", "PageUp", "button"][k % 3];
        if (how === "button") await page.click("[data-testid=prev]");
        else await page.keyboard.press(how);
        await assertMatches(page, id, states[k], how);
      }
      // A deep link into the middle.
      const mid = Math.ceil(steps / 2);
      await follow(page, `#scenario=${id}&step=${mid}&lang=en`);
      await assertMatches(page, id, states[mid], "deep link to the middle");
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a step animates from its start and stops on exactly the scripted state", async () => {
  const id = "raft-split-vote";
  const { states, steps } = native[id];
  const { context, page, errors } = await openLecture(browser, server, `#scenario=${id}&step=0`);
  try {
    await page.selectOption(".lec-speed select", "4");
    let animated = 0;
    let pendingSeen = 0;
    for (let k = 1; k <= steps; k++) {
      await page.keyboard.press("ArrowRight");
      // The hook and the page, read together (a short step may end a moment later).
      const { s, attr } = await page.evaluate(() => ({
        s: window.__qs_lecture,
        attr: document.querySelector("[data-testid=presenter]").dataset.animating,
      }));
      if (s.animating) {
        animated++;
        assert.equal(s.step, k);
        assert.ok(s.time < states[k].time, `step ${k} starts before its end`);
        assert.equal(attr, "true");
      }
      const pending = await page.locator("li.lec-check[data-ok=pending]").count();
      await assertMatches(page, id, states[k], "animated to its end");
      // Expectations are decided at the end of the step: pending while it plays, then shown.
      if (pending > 0) pendingSeen++;
      assert.equal(await page.locator("li.lec-check[data-ok=pending]").count(), 0);
    }
    assert.ok(pendingSeen >= 1, "expectations wait for the step to end");
    assert.ok(animated >= 3, `most steps animate (${animated})`);
    // Replay: the same step again from its start, to the same end.
    await page.click("[data-testid=replay]");
    assert.equal((await shown(page)).animating, true);
    await assertMatches(page, id, states[steps], "replayed");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("switching the language keeps the step and follows the link", async () => {
  const id = "raft-split-vote";
  const st = native[id].states[2];
  const { context, page, errors } = await openLecture(
    browser,
    server,
    `#scenario=${id}&step=2&lang=zh`,
  );
  try {
    await assertMatches(page, id, st, "Chinese deep link");
    assert.equal(await page.locator("[data-testid=caption]").textContent(), st.caption.zh);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
    assert.match(await page.locator("[data-testid=where]").textContent(), /第 2 步/);
    await page.click("button[data-lang=en]");
    await page.waitForFunction(() => window.__qs_lecture?.lang === "en");
    await assertMatches(page, id, st, "switched to English");
    assert.equal(await page.locator("[data-testid=caption]").textContent(), st.caption.en);
    assert.match(await page.evaluate(() => location.hash), /&lang=en/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("acting on the cluster leaves the script; back to the script restores it exactly", async () => {
  const id = "raft-split-vote";
  const { states } = native[id];
  const { context, page, errors } = await openLecture(browser, server, `#scenario=${id}&step=2`);
  try {
    await assertMatches(page, id, states[2], "deep link");
    // Drop a vote request in flight.
    const msg = page.locator("svg[data-testid=stage-svg] g.lec-stage-msg").first();
    await msg.click();
    await page.click("[data-testid=actions] button[data-action=drop]");
    await page.locator("[data-testid=off-script]").waitFor();
    let s = await shown(page);
    assert.equal(s.offScript, true);
    assert.notEqual(s.hash, s.scriptHash, "the run shown is no longer the script");
    // Crash a node as well; the cluster keeps running off the script. (The node moves as its
    // timer runs down, so the click does not wait for it to keep still.)
    await page
      .locator("svg[data-testid=stage-svg] g.lec-stage-node[data-node=A]")
      .click({ force: true });
    await page.click("[data-testid=actions] button[data-action=crash]");
    await page.waitForFunction(
      () => window.__qs_lecture.nodes.find((n) => n.name === "A").status === "Crashed",
    );
    const t0 = (await shown(page)).time;
    await page.waitForFunction((t0) => window.__qs_lecture.time > t0, t0);
    // Back to the script: exactly the scripted state of step 2.
    await page.click("[data-testid=back-to-script]");
    await assertMatches(page, id, states[2], "back to the script");
    assert.equal(await page.locator("[data-testid=off-script]").count(), 0);
    // Off the script again, then Next: the next scripted step.
    await page
      .locator("svg[data-testid=stage-svg] g.lec-stage-node[data-node=B]")
      .click({ force: true });
    await page.click("[data-testid=actions] button[data-action=crash]");
    await page.locator("[data-testid=off-script]").waitFor();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("s");
    await assertMatches(page, id, states[3], "next after leaving the script");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

const BROKEN = "title: Broken\nprotocol raft\nnodes A B C\nelection-timeout 150..300ms\n";
const MINE = [
  "title: Mine",
  "title.zh: 我的场景",
  "protocol raft",
  "nodes A B C",
  "seed 3",
  "",
  "step",
  "en: Nothing yet.",
  "zh: 还没有。",
  "run 50ms",
  "expect no leader",
  "",
  "step",
  "en: Someone leads.",
  "zh: 有人领导。",
  "run 1s",
  "expect leader A",
  "",
].join("\n");

test("your own scenario: errors show line and column, nothing is lost, and it can be saved", async () => {
  const { context, page, errors } = await openLecture(browser, server, "#lecture&lang=en");
  try {
    // A malformed paste: the error names line 4, column 18, and the picker is still there.
    await page.fill("textarea[data-testid=paste]", BROKEN);
    await page.click("[data-testid=load-paste]");
    const err = page.locator("[data-testid=load-error]");
    await err.waitFor();
    assert.equal(await err.getAttribute("data-line"), "4");
    assert.equal(await err.getAttribute("data-col"), "18");
    const text = await err.textContent();
    assert.match(text, /line 4, column 18/);
    assert.match(text, /broken\.scn:4:18: expected a duration/);
    assert.ok(await page.locator("[data-testid=picker]").isVisible());

    // A good paste opens it (it has a failing expectation, shown as failed).
    await page.fill("textarea[data-testid=paste]", MINE);
    await page.click("[data-testid=load-paste]");
    await settled(page, "user:mine", 0);
    await page.keyboard.press("End");
    await settled(page, "user:mine", 2);
    const bad = page.locator("li.lec-check[data-ok=false]");
    assert.equal(await bad.count(), 1);
    assert.match(await bad.textContent(), /expect leader A/);
    assert.match(await bad.textContent(), /expected: leader A/);
    assert.equal(await page.locator("li.lec-check[data-ok=true]").count(), 0);
    assert.match(await page.locator("[data-testid=checks-earlier]").textContent(), /1 of 1/);
    const before = await shown(page);

    // A malformed file, loaded over it: the error, and the scenario shown is untouched.
    await page.click("[data-testid=open-loader]");
    await page.setInputFiles("input[data-testid=load-file]", {
      name: "broken.scn",
      mimeType: "text/plain",
      buffer: Buffer.from(BROKEN),
    });
    await err.waitFor();
    assert.match(await err.textContent(), /broken\.scn:4:18/);
    assert.deepEqual(await shown(page), before, "nothing already loaded is lost");

    // Download the scenario being viewed: its text, exactly.
    await page.click(".lec-dialog .lec-close");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("[data-testid=download-scn]"),
    ]);
    assert.equal(download.suggestedFilename(), "mine.scn");
    assert.equal((await downloaded(download)).toString("utf8"), MINE);

    // It is kept in this browser: its link still opens after a reload, and the picker lists it.
    await page.reload({ waitUntil: "load" });
    await settled(page, "user:mine", 2);
    const link = new URL(page.url()).hash;
    assert.match(link, /^#scenario=user%3Amine&step=2&lang=en&text=[A-Za-z0-9_-]+$/, "the link carries the text");
    await follow(page, "#lecture&lang=en");
    await page.locator("a.lec-scenario[data-scenario='user:mine']").waitFor();

    // The link opens in a browser that never loaded the scenario (a new context: nothing in
    // its storage), at the same step, showing the same run.
    const other = await openLecture(browser, server, link);
    try {
      await settled(other.page, "user:mine", 2);
      await follow(page, link);
      await settled(page, "user:mine", 2);
      assert.deepEqual(await shown(other.page), await shown(page));
      assert.equal(await other.page.locator("[data-testid=scenario-title]").textContent(), "Mine");
      // A damaged text: a clear message over the library, in the page's language.
      const notice = other.page.locator("[data-testid=notice]");
      await follow(other.page, link.replace(/&text=.*/, "&text=bm90@c2Nu"));
      await notice.waitFor();
      assert.match(await notice.textContent(), /text is damaged \(character 5 of its text cannot appear there\)/);
      assert.ok(await other.page.locator("[data-testid=picker]").isVisible());
      await follow(other.page, link.replace(/&lang=en&text=.*/, "&lang=zh&text=Q"));
      await other.page.waitForFunction(() => /已损坏（它在一个字符中间结束）/.test(document.querySelector("[data-testid=notice]")?.textContent ?? ""));
      assert.deepEqual(other.errors, []);
    } finally {
      await other.context.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// Nine nodes with a 1 ms heartbeat for five minutes: far more events than lecture mode runs
// in a tab (limits::MAX_LECTURE_EVENTS).
const BUSY = [
  "title: Busy",
  "protocol raft",
  "nodes A B C D E F G H I",
  "heartbeat 1ms",
  "election-timeout 10ms..20ms",
  "latency 0ms..1ms",
  "",
  "step",
  "en: A busy cluster.",
  "zh: 一个繁忙的集群。",
  "run 300s",
  "",
].join("\n");

for (const lang of ["en", "zh"]) {
  test(`a scenario longer than lecture mode's budget is refused, in the page's language (${lang})`, async () => {
    const { context, page, errors } = await openLecture(browser, server, `#lecture&lang=${lang}`);
    try {
      await page.fill("textarea[data-testid=paste]", BUSY);
      await page.click("[data-testid=load-paste]");
      const err = page.locator("[data-testid=load-error]");
      await err.waitFor({ timeout: 120_000 });
      const text = await err.textContent();
      assert.match(text, /1000000/, text);
      if (lang === "zh") {
        assert.match(text, /超过 1000000 个事件/, text);
        // Chinese throughout, but for the command to type.
        const english = text.replace("quorumscope run FILE", "").match(/[A-Za-z]{3,}/g);
        assert.equal(english, null, text);
      } else {
        assert.match(text, /more than 1000000 events/, text);
      }
      // Nothing was opened: the picker is still there.
      assert.ok(await page.locator("[data-testid=picker]").isVisible());
      await err.scrollIntoViewIfNeeded();
      await screenshot(page, `lecture-too-many-events-${lang}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test("export for slides: standalone SVG that parses, and PNG, of the cluster and the diagram", async () => {
  const id = "raft-split-vote";
  const { context, page, errors } = await openLecture(browser, server, `#scenario=${id}&step=3`);
  try {
    await settled(page, id, 3);
    for (const what of ["cluster", "diagram"]) {
      const [svgDl] = await Promise.all([
        page.waitForEvent("download"),
        page.click(`button[data-export=${what}-svg]`),
      ]);
      assert.match(svgDl.suggestedFilename(), new RegExp(`^${id}-step3-.*\\.svg$`));
      const svg = (await downloaded(svgDl)).toString("utf8");
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, "image/svg+xml");
        const root = doc.documentElement;
        return {
          error: doc.getElementsByTagName("parsererror").length,
          root: root.localName,
          ns: root.namespaceURI,
          texts: [...doc.getElementsByTagName("text")].map((t) => t.textContent),
          styled: [...doc.querySelectorAll("text")].every((t) => /font-size/.test(t.getAttribute("style") ?? "")),
          width: Number(root.getAttribute("width")),
          // Every label inside the picture: laid out in the page, each text's box lies
          // within the viewBox (the top candidate's "votes A B" was cut at the top).
          outside: (() => {
            const host = document.createElement("div");
            host.style.cssText = "position:absolute;left:0;top:0;width:1000px";
            const svg = document.importNode(root, true);
            host.appendChild(svg);
            document.body.appendChild(host);
            const [x, y, w, h] = svg.getAttribute("viewBox").split(/[ ,]+/).map(Number);
            const out = [...svg.querySelectorAll("text")]
              .filter((t) => t.textContent.trim())
              .filter((t) => {
                const b = t.getBBox();
                return b.y < y - 0.5 || b.x < x - 0.5 || b.y + b.height > y + h + 0.5 || b.x + b.width > x + w + 0.5;
              })
              .map((t) => t.textContent);
            host.remove();
            return out;
          })(),
        };
      }, svg);
      assert.deepEqual(parsed.outside, [], `${what}.svg: every label inside the picture`);
      assert.equal(parsed.error, 0, `${what}.svg parses`);
      assert.equal(parsed.root, "svg");
      assert.equal(parsed.ns, "http://www.w3.org/2000/svg");
      assert.ok(parsed.width > 0);
      assert.ok(parsed.styled, `${what}.svg carries its own styles`);
      for (const name of ["A", "B", "C", "D"]) {
        assert.ok(parsed.texts.includes(name), `${what}.svg names node ${name}`);
      }

      const [pngDl] = await Promise.all([
        page.waitForEvent("download"),
        page.click(`button[data-export=${what}-png]`),
      ]);
      assert.match(pngDl.suggestedFilename(), /\.png$/);
      const png = await downloaded(pngDl);
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], `${what}.png is a PNG`);
      assert.equal(png.readUInt32BE(16), 1920, `${what}.png is 1920 pixels wide`);
      assert.ok(png.readUInt32BE(20) > 100);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("embed mode is a minimal frame that still steps", async () => {
  const id = "raft-first-election";
  const { context, page, errors } = await openLecture(
    browser,
    server,
    `#scenario=${id}&step=1&embed=1`,
  );
  try {
    await assertMatches(page, id, native[id].states[1], "embedded");
    assert.equal(await page.locator("[data-testid=tools]").count(), 0, "no export tools");
    assert.equal(await page.locator("[data-testid=to-explorer]").count(), 0, "no mode switch");
    assert.equal(await page.locator("[data-testid=actions]").count(), 0, "no action bar");
    assert.match(await page.getAttribute(".lec-open-full", "href"), /^#scenario=raft-first-election&step=1/);
    await page.click("[data-testid=next]");
    await page.keyboard.press("s");
    await assertMatches(page, id, native[id].states[2], "embedded, next");
    assert.match(await page.evaluate(() => location.hash), /&embed=1/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the explorer and lecture mode lead to each other; unknown scenarios say so", async () => {
  const { context, page, errors } = await openLecture(browser, server, "#scenario=no-such-thing");
  try {
    const notice = page.locator("[data-testid=notice]");
    await notice.waitFor();
    assert.match(await notice.textContent(), /no-such-thing/);
    assert.ok(await page.locator("[data-testid=picker]").isVisible());
    await page.click("[data-testid=to-explorer]");
    await page.locator("[data-testid=app]").waitFor();
    await page.click("[data-testid=to-lecture]");
    await page.locator("[data-testid=picker]").waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

for (const [width, height] of [
  [1920, 1080],
  [1280, 720],
]) {
  for (const lang of ["en", "zh"]) {
    test(`presentation mode, split vote step 2, ${lang}, ${width}x${height}: large and uncluttered`, async () => {
      const id = "raft-split-vote";
      const { context, page, errors } = await openLecture(
        browser,
        server,
        `#scenario=${id}&step=2&lang=${lang}&present=1`,
        { width, height },
      );
      try {
        await assertMatches(page, id, native[id].states[2], "presentation mode");
        assert.equal((await shown(page)).present, true);
        const layout = await page.evaluate(() => {
          const px = (sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
          const box = (sel) => document.querySelector(sel).getBoundingClientRect();
          const stage = box("svg[data-testid=stage-svg]");
          return {
            overflowX: document.documentElement.scrollWidth - innerWidth,
            overflowY: document.documentElement.scrollHeight - innerHeight,
            caption: px("[data-testid=caption]"),
            next: box("[data-testid=next]").bottom,
            stageHeight: stage.height,
            tools: document.querySelectorAll("[data-testid=tools]").length,
          };
        });
        assert.equal(layout.overflowX, 0, "no horizontal scrolling");
        assert.equal(layout.overflowY, 0, "no vertical scrolling");
        assert.ok(layout.next <= height, "Next is on screen");
        assert.ok(layout.caption >= height * 0.035, `caption type is large (${layout.caption}px)`);
        assert.ok(layout.stageHeight >= height * 0.6, "the cluster fills the height");
        assert.equal(layout.tools, 0, "only the essential controls");
        await screenshot(page, `lecture-split-vote-step2-present-${lang}-${width}x${height}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}
