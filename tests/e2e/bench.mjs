#!/usr/bin/env node
// Performance benchmark of the built web app (dist/) in headless Chromium. Not a test: it
// measures and prints, and checks no thresholds (targets: p95 frame <= 8 ms, seek <= 30 ms,
// page <= 300 KB gzipped). Run it with scripts/bench-web.sh (builds dist/ when needed).
//
//   1. Page weight: every file the page loads, raw and gzip -9.
//   2. First draw: navigation start -> the first `[data-node]` in the DOM, over fresh loads.
//   3. Frames: 9 nodes under a steady heavy client load, playing for a few seconds. Per
//      frame: the main thread's whole frame (requestAnimationFrame callback start -> the
//      first task after that frame's rendering, so style, layout and paint are in), the
//      app's own update + render time (`__qs.frames()`), and the frame rate achieved.
//   4. Seeks: a 10-minute run built through `__qs` (clients all along), then the time
//      slider moved to random moments: input event -> the new moment drawn (wall clock,
//      not traced: the page's next frame, and the canvas worker done with what it was
//      sent), then the same seeks again, traced, for the main thread's CPU time.
//
// Options: --seconds N (frames, default 5), --speeds X,Y (cluster s per real s; default
// 0.05 (the app's default) and 1), --rate N (client requests per cluster-second, default
// 100: about 3,000 arrows in the diagram's 2 s), --steady 0 (no requests while playing,
// only before), --loads N (default 5),
// --seeks N (default 60), --minutes N (length of the seek run, default 10), --json.
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { serveStatic, launchBrowser, DIST } from "./harness.mjs";
import { fromShare, installSlider, toShare } from "./lib-qs.mjs";

const opts = {
  seconds: 5,
  speeds: [0.05, 1],
  rate: 100,
  steady: 1,
  loads: 5,
  seeks: 60,
  minutes: 10,
  json: false,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const key = argv[i].replace(/^--/, "");
  if (key === "json") opts.json = true;
  else if (key === "speeds") opts.speeds = argv[++i].split(",").map(Number);
  else if (key in opts) opts[key] = Number(argv[++i]);
  else {
    console.error(`unknown option ${argv[i]}`);
    process.exit(2);
  }
}

const q = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const stats = (xs) => ({
  n: xs.length,
  median: q(xs, 50),
  p95: q(xs, 95),
  max: xs.length ? Math.max(...xs) : NaN,
  mean: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN,
});
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(2)} ms` : "n/a");
const log = (...a) => {
  if (!opts.json) console.log(...a);
};

// Recorded in every page before its own scripts run: the first drawn node, and per frame
// the rAF start and the first task after that frame's rendering.
const INIT = () => {
  const B = (window.__bench = { firstNode: null, on: false, frames: [], stamps: [] });
  const mark = () => {
    if (B.firstNode === null && document.querySelector("[data-node]")) {
      B.firstNode = performance.now();
      return true;
    }
    return false;
  };
  const obs = new MutationObserver(() => mark() && obs.disconnect());
  obs.observe(document, { childList: true, subtree: true });

  const raf = window.requestAnimationFrame.bind(window);
  const channel = new MessageChannel();
  let start = null;
  let last = null;
  channel.port1.onmessage = () => {
    if (start !== null) B.frames.push(performance.now() - start);
    start = null;
  };
  window.requestAnimationFrame = (cb) =>
    raf((ts) => {
      if (B.on && ts !== last) {
        last = ts;
        B.stamps.push(ts);
        start = performance.now();
        channel.port2.postMessage(0);
      }
      cb(ts);
    });
};

async function newPage(browser, url, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const loaded = [];
  page.on("response", (r) => loaded.push(new URL(r.url()).pathname));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => window.__qs && window.__bench.firstNode !== null, null, {
    timeout: 30_000,
  });
  return { context, page, errors, loaded };
}

/** 1. Every file the page loads, raw and gzip -9. */
async function weight(loaded) {
  const files = [...new Set(loaded)].filter((p) => !p.startsWith("/favicon"));
  const rows = [];
  for (const p of files) {
    const file = path.join(DIST, p === "/" ? "index.html" : decodeURIComponent(p));
    const body = await readFile(file).catch(() => null);
    if (!body) continue;
    rows.push({ file: path.relative(DIST, file), raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  rows.sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
  return { files: rows, total };
}

/** 2. Navigation start -> the first drawn node, over fresh page loads. */
async function firstDraw(browser, url) {
  const times = [];
  const wasm = [];
  let loaded = [];
  for (let k = 0; k < opts.loads; k++) {
    const p = await newPage(browser, url);
    times.push(await p.page.evaluate(() => window.__bench.firstNode));
    wasm.push(
      await p.page.evaluate(
        () => performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"))?.responseEnd ?? NaN,
      ),
    );
    loaded = p.loaded;
    await p.context.close();
  }
  return { firstNode: stats(times), wasmLoaded: stats(wasm), loaded };
}

/** A share text for nine Raft nodes with no actions, made from the app's own. */
async function nodes9(text) {
  const session = await fromShare(text);
  const shared = session.Raft;
  shared.setup.names = Array.from({ length: 9 }, (_, i) => `n${i + 1}`);
  shared.setup.durable = [];
  shared.actions = [];
  shared.at = 0;
  return toShare(session);
}

/** 3. Frame times: 9 nodes, a steady client load, playing at `speed`. */
async function frames(browser, url, speed) {
  const p = await newPage(browser, url, { width: 1920, height: 1080 });
  const { page } = p;
  const text = await nodes9(await page.evaluate(() => window.__qs.share()));
  const err = await page.evaluate((t) => window.__qs.load(t), text);
  if (err) throw new Error(`could not load the 9-node cluster: ${err}`);
  // Elect a leader, then 2 s of cluster time at the load's rate, so the diagram is full.
  // (Batched: each __qs.advance returns the state, whose trace hash costs a pass over the
  // whole trace.)
  const gap = Math.round(1e6 / opts.rate);
  await page.evaluate(
    ([gap]) => {
      window.__qs.advance(1_000_000);
      for (let t = 0; t < 2_000_000; t += 100_000) {
        for (let k = 0; k < 100_000 / gap; k++) window.__qs.client(k % 9);
        window.__qs.advance(100_000);
      }
    },
    [gap],
  );
  // A Chrome trace of the sample gives each frame's main-thread CPU time (thread time,
  // so other processes on a busy machine do not inflate it).
  const traceFile = path.join(os.tmpdir(), `qs-bench-trace-${process.pid}.json`);
  await browser.startTracing(page, {
    path: traceFile,
    categories: [
      "devtools.timeline",
      "disabled-by-default-devtools.timeline",
      "toplevel",
      "v8.execute",
      "cc",
    ],
  });
  const sample = await page.evaluate(
    async ({ seconds, speed, gap, steady }) => {
      const qs = window.__qs;
      const B = window.__bench;
      const svg = () => document.querySelector("[data-testid=spacetime-svg]");
      const st = () => document.querySelector("[data-testid=spacetime]");
      qs.speed(speed);
      qs.resetFrames();
      B.frames.length = 0;
      B.stamps.length = 0;
      // Client requests at the load's rate in cluster time, read from the diagram's clock
      // (not from __qs.state(), which hashes the whole trace).
      let next = Number(svg().dataset.now);
      let sent = 0;
      let inflight = 0;
      let arrows = 0;
      let n = 0;
      let go = true;
      const feed = () => {
        if (!go) return;
        const now = Number(svg().dataset.now);
        while (steady && next <= now) {
          qs.client(sent++ % 9);
          next += gap;
        }
        inflight += Number(st().dataset.inFlight);
        arrows += Number(st().dataset.arrows);
        n++;
        requestAnimationFrame(feed);
      };
      const t0 = performance.now();
      const c0 = Number(svg().dataset.now);
      B.on = true;
      qs.play();
      requestAnimationFrame(feed);
      await new Promise((r) => setTimeout(r, seconds * 1000));
      go = false;
      B.on = false;
      qs.pause();
      return {
        app: qs.frames(),
        whole: [...B.frames],
        stamps: [...B.stamps],
        elapsed: performance.now() - t0,
        cluster: Number(svg().dataset.now) - c0,
        inflight: inflight / Math.max(1, n),
        arrows: arrows / Math.max(1, n),
        sent,
      };
    },
    { seconds: opts.seconds, speed, gap, steady: opts.steady },
  );
  await browser.stopTracing();
  const cpu = frameCpu(JSON.parse(await readFile(traceFile, "utf8")));
  await rm(traceFile, { force: true });
  const after = await page.evaluate(() => window.__qs.state());
  const gaps = sample.stamps.slice(1).map((t, i) => t - sample.stamps[i]);
  await p.context.close();
  return {
    speed,
    cpu: stats(cpu.frames),
    cpuParts: cpu.parts,
    app: stats(sample.app),
    whole: stats(sample.whole),
    interval: stats(gaps),
    fps: (sample.stamps.length / sample.elapsed) * 1000,
    inflight: sample.inflight,
    arrows: sample.arrows,
    sent: sample.sent,
    cluster: sample.cluster,
    events: after.events,
    log_end: after.log_end,
    errors: p.errors,
  };
}

/**
 * Main-thread CPU time per frame from a Chrome trace: the thread time of every top-level
 * task on the renderer's main thread, split into frames at the task of each
 * BeginMainFrame; and the
 * mean per frame of the main phases (script in rAF and microtasks, style, layout, paint,
 * layerize, commit).
 */
function frameCpu(trace) {
  const events = trace.traceEvents ?? trace;
  const threads = new Map();
  for (const e of events) {
    if (e.ph === "M" && e.name === "thread_name") threads.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const main = events
    .filter((e) => e.ph === "X" && threads.get(`${e.pid}:${e.tid}`) === "CrRendererMain")
    .sort((a, b) => a.ts - b.ts);
  // A frame starts with the task that runs its BeginMainFrame (which starts a few µs before
  // the BeginMainFrame event inside it), and holds every task until the next frame's: the
  // main thread's work in one frame interval, including what runs between two frames.
  const tasks = main.filter((e) => e.name === "RunTask");
  let j = 0;
  const starts = main
    .filter((e) => e.name === "ProxyMain::BeginMainFrame")
    .map((b) => {
      while (j + 1 < tasks.length && tasks[j + 1].ts <= b.ts) j++;
      const t = tasks[j];
      return t && t.ts <= b.ts && b.ts <= t.ts + t.dur ? t.ts : b.ts;
    });
  const frames = new Array(Math.max(0, starts.length - 1)).fill(0);
  let k = 0;
  for (const e of tasks) {
    while (k < starts.length - 1 && e.ts >= starts[k + 1]) k++;
    if (e.ts >= starts[0] && k < frames.length) frames[k] += (e.tdur ?? e.dur) / 1000;
  }
  const phases = {
    "rAF (update)": ["FireAnimationFrame"],
    "microtasks (Yew render)": ["RunMicrotasks"],
    timers: ["TimerFire"],
    style: ["UpdateLayoutTree"],
    layout: ["Layout"],
    "paint + prepaint": ["Paint", "PrePaint"],
    layerize: ["Layerize"],
    // The compositor commit (the canvases the page still draws itself would be
    // rasterised here, without a GPU: none since the worker draws them).
    commit: ["Commit"],
  };
  const parts = {};
  for (const [name, keys] of Object.entries(phases)) {
    const t = main.filter((e) => keys.includes(e.name)).reduce((a, e) => a + (e.tdur ?? e.dur), 0);
    parts[name] = t / 1000 / Math.max(1, frames.length);
  }
  // The canvases' replay and rasterisation (ui/components/pen.rs): on the worker's own
  // thread, so not in the frames above; per frame, over the same span.
  const worker = events.filter(
    (e) =>
      e.ph === "X" &&
      e.name === "RunTask" &&
      threads.get(`${e.pid}:${e.tid}`) === "DedicatedWorker thread" &&
      e.ts >= starts[0] &&
      e.ts < starts[starts.length - 1],
  );
  parts["canvas worker (own thread)"] =
    worker.reduce((a, e) => a + (e.tdur ?? e.dur), 0) / 1000 / Math.max(1, frames.length);
  return { frames, parts };
}

/**
 * Main-thread CPU time of seek `k`: the tasks between its two performance marks. A task
 * that runs on past the end mark (the feed's out-of-sight lines, laid out after the seek is
 * drawn) counts for its share before the mark.
 */
function seekCpu(trace, count) {
  const events = trace.traceEvents ?? trace;
  const threads = new Map();
  for (const e of events) {
    if (e.ph === "M" && e.name === "thread_name") threads.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const marks = new Map();
  for (const e of events) if (e.name?.startsWith("qs-seek-")) marks.set(e.name, e.ts);
  const tasks = events.filter(
    (e) => e.ph === "X" && e.name === "RunTask" && threads.get(`${e.pid}:${e.tid}`) === "CrRendererMain",
  );
  const out = [];
  for (let k = 0; k < count; k++) {
    const a = marks.get(`qs-seek-${k}-start`);
    const b = marks.get(`qs-seek-${k}-end`);
    if (a === undefined || b === undefined) continue;
    // The task that dispatched the input holds the start mark: count from its start.
    const t = tasks
      .filter((e) => e.ts + e.dur >= a && e.ts <= b)
      .reduce((sum, e) => {
        const part = e.dur > 0 ? Math.min(1, (b - e.ts) / e.dur) : 1;
        return sum + (e.tdur ?? e.dur) * part;
      }, 0);
    out.push(t / 1000);
  }
  return out;
}

/** 4. Seeks in a long run, as a user makes them: the time slider's input event. */
async function seeks(browser, url) {
  const p = await newPage(browser, url);
  const { page } = p;
  const minutes = opts.minutes;
  const build = await page.evaluate((minutes) => {
    const qs = window.__qs;
    const t0 = performance.now();
    // A client request every second of cluster time, to each node in turn (sent ten at a
    // time, then ten seconds played: each __qs.advance hashes the whole trace).
    for (let s = 0; s < minutes * 60; s += 10) {
      for (let k = 0; k < 10; k++) qs.client((s + k) % 5);
      qs.advance(10_000_000);
    }
    return { ms: performance.now() - t0, state: qs.state() };
  }, minutes);
  const horizon = build.state.time;
  // Random moments (a fixed LCG, so runs are comparable), in random order: forward and back.
  let x = 12345;
  const targets = [];
  for (let k = 0; k < opts.seeks; k++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    targets.push(Math.floor((x / 2147483648) * horizon));
  }
  // Each target, as a user makes it: the slider's input event, then the next frame drawn.
  await installSlider(page);
  const run = (targets) =>
    page.evaluate(async (targets) => {
      const clock = document.querySelector("[data-testid=spacetime-svg]");
      // The canvases are drawn by a worker (ui/components/pen.rs): a seek is drawn when the
      // page's frame is, and the worker has replayed what that frame sent it and made its
      // next frame of them (it answers a message after the ones before it, once its next
      // frame is made). The answer says when, on the worker's clock: the page reads it only
      // once its main thread is free again (the feed's out-of-sight lines may be laid out
      // in between), which can be later than the canvases were drawn.
      const pen = window.__qs.pen();
      const penDone = () =>
        new Promise((r) => {
          if (!pen) return r(performance.now());
          const answer = (e) => r(e.data.at - performance.timeOrigin);
          pen.addEventListener("message", answer, { once: true });
          pen.postMessage({ ink: [] });
        });
      const out = [];
      for (const t of targets) {
        const from = Number(clock.dataset.now);
        await window.__qsFrame();
        performance.mark(`qs-seek-${out.length}-start`);
        const t0 = performance.now();
        window.__qsSlide(t);
        const t1 = performance.now();
        await window.__qsFrame();
        const framed = performance.now();
        const t2 = Math.max(framed, await penDone());
        performance.mark(`qs-seek-${out.length}-end`, { startTime: t2 });
        out.push({ t, from, update: t1 - t0, drawn: t2 - t0, ok: Number(clock.dataset.now) === t });
      }
      return out;
    }, targets);
  // The wall-clock times come from a pass without tracing (tracing itself slows the page
  // down); the same seeks again, from the same place and traced, give the main thread's
  // CPU time.
  const results = await run(targets);
  await page.evaluate((t) => window.__qs.seek(t), horizon);
  const traceFile = path.join(os.tmpdir(), `qs-bench-seeks-${process.pid}.json`);
  await browser.startTracing(page, {
    path: traceFile,
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "blink.user_timing"],
  });
  const traced = await run(targets);
  await browser.stopTracing();
  const cpu = seekCpu(JSON.parse(await readFile(traceFile, "utf8")), traced.length);
  await rm(traceFile, { force: true });
  // The hook's own seek, for comparison: it also returns the state (a trace hash).
  const hook = await page.evaluate((targets) => {
    const out = [];
    for (const t of targets.slice(0, 5)) {
      const t0 = performance.now();
      window.__qs.seek(t);
      out.push(performance.now() - t0);
    }
    return out;
  }, targets);
  await p.context.close();
  const back = results.filter((r) => r.t < r.from);
  const fwd = results.filter((r) => r.t >= r.from);
  return {
    build: { ms: build.ms, events: build.state.events, time: horizon, log_end: build.state.log_end },
    update: stats(results.map((r) => r.update)),
    drawn: stats(results.map((r) => r.drawn)),
    tracedDrawn: stats(traced.map((r) => r.drawn)),
    cpu: stats(cpu),
    back: stats(back.map((r) => r.drawn)),
    forward: stats(fwd.map((r) => r.drawn)),
    hook: stats(hook),
    exact: results.every((r) => r.ok) && traced.every((r) => r.ok),
    slowest: [...results].sort((a, b) => b.drawn - a.drawn).slice(0, 3),
    errors: p.errors,
  };
}

const server = await serveStatic();
const browser = await launchBrowser();
const report = {};
try {
  log(`QuorumScope web benchmark — ${DIST}`);
  const load = os.loadavg()[0];
  report.machine = { cpus: os.cpus().length, load };
  log(`machine: ${os.cpus().length} CPUs, load average ${load.toFixed(1)} (wall-clock figures grow with it; CPU figures much less)`);
  const draw = await firstDraw(browser, server.url);
  report.weight = await weight(draw.loaded);
  log("\n1. Page weight (every file the page loads; gzip -9)");
  for (const f of report.weight.files) {
    log(`   ${f.file.padEnd(34)} ${(f.raw / 1024).toFixed(1).padStart(8)} KiB raw ${(f.gzip / 1024).toFixed(1).padStart(8)} KiB gzip`);
  }
  const tot = report.weight.total;
  log(`   ${"total".padEnd(34)} ${(tot.raw / 1024).toFixed(1).padStart(8)} KiB raw ${(tot.gzip / 1024).toFixed(1).padStart(8)} KiB gzip   (target <= 300 KB)`);

  report.firstDraw = { firstNode: draw.firstNode, wasmLoaded: draw.wasmLoaded };
  log(`\n2. First cluster drawn (navigation start -> first [data-node]), ${opts.loads} loads`);
  log(`   median ${ms(draw.firstNode.median)}, max ${ms(draw.firstNode.max)}   (wasm downloaded at median ${ms(draw.wasmLoaded.median)})`);

  report.frames = [];
  for (const speed of opts.speeds) {
    const f = await frames(browser, server.url, speed);
    report.frames.push(f);
    log(`\n3. Frames: 9 nodes, ${opts.rate} client requests per cluster-second, speed ${speed}, ${opts.seconds} s at 1920x1080`);
    log(`   load: ${f.inflight.toFixed(0)} messages in flight, ${f.arrows.toFixed(0)} arrows in the diagram on average; ${f.sent} requests`);
    log(`         in ${(f.cluster / 1000).toFixed(1)} ms of cluster time (${f.events} events so far, log end ${f.log_end})`);
    log(`   main-thread CPU per frame (trace):  median ${ms(f.cpu.median)}, p95 ${ms(f.cpu.p95)}, max ${ms(f.cpu.max)}  (target p95 <= 8 ms; n=${f.cpu.n})`);
    log(`     mean per frame: ${Object.entries(f.cpuParts).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(", ")} ms`);
    log(`   whole frame, wall clock (rAF -> after paint): median ${ms(f.whole.median)}, p95 ${ms(f.whole.p95)}, max ${ms(f.whole.max)}`);
    log(`   app update + render (__qs.frames):  median ${ms(f.app.median)}, p95 ${ms(f.app.p95)}  (n=${f.app.n})`);
    log(`   frame interval: median ${ms(f.interval.median)}, p95 ${ms(f.interval.p95)}; ${f.fps.toFixed(1)} FPS achieved`);
    if (f.errors.length) log(`   page errors: ${f.errors.join(" | ")}`);
  }

  report.seeks = await seeks(browser, server.url);
  const s = report.seeks;
  log(`\n4. Seeks with the time slider: a ${opts.minutes}-minute run (a client request every second, 5 nodes), ${opts.seeks} random moments`);
  log(`   built in ${(s.build.ms / 1000).toFixed(1)} s: ${s.build.events} events, log end ${s.build.log_end}`);
  log(`   input -> drawn:   median ${ms(s.drawn.median)}, p95 ${ms(s.drawn.p95)}, max ${ms(s.drawn.max)}   (target <= 30 ms)`);
  log(`     the same seeks traced: input -> drawn median ${ms(s.tracedDrawn.median)}, p95 ${ms(s.tracedDrawn.p95)}`);
  log(`     main-thread CPU (trace): median ${ms(s.cpu.median)}, p95 ${ms(s.cpu.p95)}, max ${ms(s.cpu.max)}`);
  log(`     of which the update (seek + scene): median ${ms(s.update.median)}, max ${ms(s.update.max)}`);
  log(`     backwards:      median ${ms(s.back.median)}, max ${ms(s.back.max)} (n=${s.back.n})`);
  log(`     forwards:       median ${ms(s.forward.median)}, max ${ms(s.forward.max)} (n=${s.forward.n})`);
  log(`   __qs.seek (also hashes the whole trace for its answer): median ${ms(s.hook.median)}`);
  log(`   every seek landed exactly: ${s.exact}; slowest: ${s.slowest.map((r) => `${(r.from / 1e6).toFixed(1)}s->${(r.t / 1e6).toFixed(1)}s ${r.drawn.toFixed(0)} ms`).join(", ")}`);
  if (s.errors.length) log(`   page errors: ${s.errors.join(" | ")}`);
  if (opts.json) console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  await server.close();
}
