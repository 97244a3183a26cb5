// The layout at every size a classroom uses (issue 21): explorer and lecture mode at a phone,
// 800x600, a 1024x768 projector, laptops and large screens. At each: the cluster is drawn at
// a real size inside its panel, the page never scrolls sideways, the header's controls
// neither overlap nor leave the screen, no panel's content runs past its edge, and every
// invariant row is in view (or its panel scrolls). At 1280x800 no text in the explorer is
// under 12 CSS px (SVG and canvas text measured at their drawn scale); presentation mode at
// 1024x768 has secondary text of 18 px or more and sequence arrows 2 px or more. Saves a
// screenshot of every size in both languages (tests/e2e/screenshots/layout-*.png).
import { test } from "node:test";
import assert from "node:assert/strict";
import { servedApp, screenshot } from "./harness.mjs";

const SIZES = [
  [390, 844],
  [800, 600],
  [1024, 768],
  [1280, 720],
  [1280, 800],
  [1366, 768],
  [1920, 1080],
  [2560, 1440],
];
const LECTURE = "#scenario=raft-split-vote&step=3";

const app = servedApp();

/** Opens `hash` at `width`x`height` and waits for the cluster to be drawn. */
async function open(hash, width, height) {
  const context = await app.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(app.server.url + hash);
  await page.waitForSelector(hash ? "svg[data-testid=stage-svg] .lec-stage-node" : "svg[data-testid=ring-svg] [data-node]", {
    state: "attached",
    timeout: 20_000,
  });
  await settle(page);
  return { context, page, errors };
}

/** Two frames and a little time: resize observers and re-renders have run. */
const settle = (page) =>
  page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150)))),
  );

/** Everything the layout checks measure, in the page. */
function measure(lecture) {
  const rect = (el) => el.getBoundingClientRect();
  const out = { problems: [] };
  const bad = (s) => out.problems.push(s);
  out.scrollWidth = document.documentElement.scrollWidth;
  out.innerWidth = innerWidth;

  // The cluster: every node's outline inside its panel, with a real size.
  const panel = document.querySelector(lecture ? ".lec-stage-wrap" : ".area-ring");
  const pr = rect(panel);
  const bodies = [...document.querySelectorAll(lecture ? ".lec-stage-node > circle:not([fill=none])" : "svg[data-testid=ring-svg] g[data-node] .node-body")];
  out.nodes = bodies.length;
  out.radius = Math.min(...bodies.map((b) => rect(b).width / 2));
  for (const b of bodies) {
    const r = rect(b);
    if (r.left < pr.left - 1 || r.right > pr.right + 1 || r.top < pr.top - 1 || r.bottom > pr.bottom + 1) {
      bad(`node outline ${JSON.stringify(r)} outside its panel ${JSON.stringify(pr)}`);
    }
  }

  // The header: its controls (and the title) do not overlap and stay on screen.
  const items = lecture
    ? [...document.querySelectorAll(".lec-lecture-bar .lec-brand, .lec-lecture-bar .lec-mode, .lec-lecture-bar .lec-bar-buttons > *")]
    : [
        ...document.querySelectorAll(
          ".app-header .app-title, .app-header .run-summary, .app-header button, .lec-mode-switch",
        ),
      ].filter((el) => !el.matches(".lec-mode-switch") || rect(el).top < rect(document.querySelector(".app-header")).bottom);
  const boxes = items
    .filter((el) => rect(el).width > 0)
    .map((el) => ({ name: (el.textContent || el.className).trim().slice(0, 24), r: rect(el) }));
  out.header = boxes.length;
  for (const { name, r } of boxes) {
    if (r.left < 0 || r.right > innerWidth + 0.5 || r.top < 0) bad(`header item "${name}" off screen: ${r.left}..${r.right}`);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i].r, boxes[j].r];
      const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
      if (overlap) bad(`header items overlap: "${boxes[i].name}" and "${boxes[j].name}"`);
    }
  }

  // No panel's content runs past its right edge (a word cut in half).
  const panels = lecture
    ? [".lec-narration", ".lec-diagram", ".lec-actions", ".lec-controls"]
    : [".panel", ".tab-body"];
  for (const el of document.querySelectorAll(panels.join(","))) {
    if (el.scrollWidth > el.clientWidth + 1) bad(`${el.className} is ${el.scrollWidth - el.clientWidth}px too narrow for its content`);
  }

  // The logs' labels (nextIndex · matchIndex once there is a leader) fit their column.
  for (const col of document.querySelectorAll(".log-labels")) {
    for (const span of col.querySelectorAll(".log-label > span")) {
      const range = document.createRange();
      range.selectNodeContents(span);
      if (span.textContent.trim() && range.getBoundingClientRect().right > rect(col).right + 1) {
        bad(`log label "${span.textContent}" cut at the column's edge`);
      }
    }
  }

  // Every invariant row is in view, or its panel scrolls.
  if (!lecture) {
    const body = document.querySelector(".area-invariants .panel-body");
    const br = rect(body);
    const scrolls = body.scrollHeight > body.clientHeight + 1 && getComputedStyle(body).overflowY === "auto";
    const rows = [...body.querySelectorAll(".invariant")];
    out.invariants = rows.length;
    const hidden = rows.filter((r) => rect(r).bottom > br.bottom + 1).length;
    if (hidden > 0 && !scrolls) bad(`${hidden} invariant rows are cut off and the panel does not scroll`);
  }
  return out;
}

/** The smallest text on the page, in CSS px: DOM text, SVG text at its drawn scale, and the
 * space-time diagram's canvas labels (its `data-font`, in its user units, at its scale). */
function smallestText(root) {
  const sizes = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest(".sr-only, .lec-sr-only, title, [hidden]")) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let px = parseFloat(getComputedStyle(el).fontSize);
    const svg = el.closest("svg");
    if (svg) px *= svg.getScreenCTM().a;
    sizes.push({ px, text: n.textContent.trim().slice(0, 30) });
  }
  const st = document.querySelector("svg[data-testid=spacetime-svg]");
  if (st) {
    const w = Number(st.getAttribute("viewBox").split(" ")[2]);
    sizes.push({ px: Number(st.dataset.font) * (st.getBoundingClientRect().width / w), text: "space-time canvas labels" });
  }
  sizes.sort((a, b) => a.px - b.px);
  return sizes[0];
}

for (const [width, height] of SIZES) {
  for (const lecture of [false, true]) {
    const mode = lecture ? "lecture" : "explorer";
    test(`${mode} at ${width}x${height}: ring at a real size, no sideways scroll, header and panels whole`, async () => {
      const { context, page, errors } = await open(lecture ? `${LECTURE}&lang=en` : "", width, height);
      try {
        for (const lang of ["en", "zh"]) {
          if (lang === "zh") {
            await page.click(lecture ? ".lec-lang-switch button:nth-child(2)" : ".lang-button:not(.active)");
            await settle(page);
          }
          if (!lecture && lang === "en") {
            // A leader (the logs show nextIndex and matchIndex), paused.
            await page.evaluate(() => {
              window.__qs.pause();
              window.__qs.advance(400_000);
            });
          }
          if (!lecture) {
            // A selected node: the side panel at its fullest (the review's cramped case).
            await page.locator("body").press("1");
            await settle(page);
          }
          const m = await page.evaluate(measure, lecture);
          const what = `${mode} ${lang} ${width}x${height}`;
          assert.deepEqual(m.problems, [], what);
          assert.ok(m.scrollWidth <= m.innerWidth, `${what}: page ${m.scrollWidth}px wide in ${m.innerWidth}`);
          assert.ok(m.nodes >= 4, `${what}: nodes drawn: ${m.nodes}`);
          // A node a few px across would be a dot: 24 px of radius at least (48 px across; on
          // a phone the lecture stage's nodes are 52 px across, the explorer's 66 px).
          assert.ok(m.radius >= 24, `${what}: node radius ${m.radius.toFixed(1)}px`);
          assert.ok(m.header >= 5, `${what}: header items found: ${m.header}`);
          // Every Raft invariant has its row (src/check/raft.rs checks nine).
          if (!lecture) assert.equal(m.invariants, 9, what);
          if (!lecture && width === 1280 && height === 800) {
            const small = await page.evaluate(smallestText, await page.$("[data-testid=app]"));
            assert.ok(small.px >= 12 - 0.05, `${what}: "${small.text}" is ${small.px.toFixed(2)}px`);
          }
          await screenshot(page, `layout-${mode}-${width}x${height}-${lang}`);
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}

test("presentation mode at 1024x768: secondary text 18 px or more, arrows 2 px or more", async () => {
  for (const lang of ["en", "zh"]) {
    const { context, page, errors } = await open(`${LECTURE}&lang=${lang}&present=1`, 1024, 768);
    try {
      const m = await page.evaluate(() => {
        const svgText = (sel) => {
          const svg = document.querySelector(sel);
          const k = svg.getScreenCTM().a;
          return [...svg.querySelectorAll("text")]
            .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0)
            .map((t) => ({ px: parseFloat(getComputedStyle(t).fontSize) * k, text: t.textContent.trim() }))
            .sort((a, b) => a.px - b.px)[0];
        };
        const seq = document.querySelector("svg[data-testid=sequence-svg]");
        const arrows = [...seq.querySelectorAll(".lec-seq-arrow line")].map(
          (l) => parseFloat(l.getAttribute("stroke-width")) * seq.getScreenCTM().a,
        );
        const dom = [...document.querySelectorAll(".lec-narration *, .lec-diagram h3, .lec-controls button")]
          .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
          .filter((el) => el.getBoundingClientRect().width > 0)
          .map((el) => ({ px: parseFloat(getComputedStyle(el).fontSize), text: el.textContent.trim().slice(0, 30) }))
          .sort((a, b) => a.px - b.px)[0];
        return {
          stage: svgText("svg[data-testid=stage-svg]"),
          sequence: svgText("svg[data-testid=sequence-svg]"),
          dom,
          arrows: arrows.length,
          thinnest: Math.min(...arrows),
          overflowX: document.documentElement.scrollWidth - innerWidth,
        };
      });
      const what = `presentation ${lang} 1024x768`;
      for (const k of ["stage", "sequence", "dom"]) {
        assert.ok(m[k].px >= 18 - 0.05, `${what}: ${k}: "${m[k].text}" is ${m[k].px.toFixed(2)}px`);
      }
      assert.ok(m.arrows > 0, `${what}: arrows drawn`);
      assert.ok(m.thinnest >= 2, `${what}: arrows ${m.thinnest.toFixed(2)}px`);
      assert.equal(m.overflowX, 0, `${what}: no sideways scroll`);
      await screenshot(page, `layout-presentation-1024x768-${lang}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});
