// Writes a name section into an optimised wasm module whose names are sort keys that put
// functions with similar code side by side; `wasm-opt --reorder-functions-by-name` (run by
// build-web.sh after this, with no other pass) then lays the code section out in that order.
// gzip finds repeats only within its 32 KiB window, so neighbours that share byte sequences
// compress better: about 5 KB less of gzipped explorer wasm than the order by name alone
// (wasm-order-names.mjs, whose order this one starts from and falls back to). Only the order
// of the functions changes (and with it their indices, which wasm-opt renumbers everywhere),
// never what any of them does; wasm-opt drops the name section after.
//
// The order is greedy: from the first function, each next one is the unplaced function that
// shares the most 5-byte sequences with the last 16 placed, each shared sequence weighted by
// 1/(number of functions containing it) (rare ones say more), over the square root of the
// candidate's own count (a big function shares much by size alone). Sequences found in more
// than 200 functions are skipped; a function sharing nothing with the last 16 is followed by
// the first unplaced one in the module's current order. The constants were tuned on the
// explorer module (gzip -9 of the result).
//
// Usage: node wasm-order-similar.mjs IN.wasm OUT.wasm
import { readFileSync, writeFileSync } from "node:fs";
import { uleb, encodeUleb } from "./wasm-leb.mjs";

const [inFile, outFile] = process.argv.slice(2);
if (!inFile || !outFile) {
  console.error("usage: node wasm-order-similar.mjs IN.wasm OUT.wasm");
  process.exit(2);
}
const SEQ = 5;
const MAX_FUNCTIONS_PER_SEQ = 200;
const WINDOW = 16;

const wasm = readFileSync(inFile);



/** Skips a table's or memory's limits at `p`. */
function skipLimits(p) {
  const flags = wasm[p++];
  [, p] = uleb(wasm, p);
  if (flags & 1) [, p] = uleb(wasm, p);
  return p;
}

// The sections, without any name section; the number of imported functions (the defined
// functions' indices start after them); each defined function's body.
const kept = [wasm.subarray(0, 8)];
let imported = 0;
const bodies = [];
for (let i = 8; i < wasm.length; ) {
  const id = wasm[i];
  const [size, body] = uleb(wasm, i + 1);
  const end = body + size;
  let keep = true;
  if (id === 0) {
    const [len, at] = uleb(wasm, body);
    keep = wasm.toString("latin1", at, at + len) !== "name";
  } else if (id === 2) {
    let [count, p] = uleb(wasm, body);
    for (let c = 0; c < count; c++) {
      let len;
      [len, p] = uleb(wasm, p); // module
      p += len;
      [len, p] = uleb(wasm, p); // field
      p += len;
      const kind = wasm[p++];
      if (kind === 0) {
        [, p] = uleb(wasm, p);
        imported++;
      } else if (kind === 1) {
        p = skipLimits(p + 1);
      } else if (kind === 2) {
        p = skipLimits(p);
      } else if (kind === 3) {
        p += 2;
      } else if (kind === 4) {
        [, p] = uleb(wasm, p + 1);
      } else {
        console.error(`${inFile}: import kind ${kind} unknown; the order is left as it is`);
        process.exit(1);
      }
    }
  } else if (id === 10) {
    let [count, p] = uleb(wasm, body);
    for (let c = 0; c < count; c++) {
      let len;
      [len, p] = uleb(wasm, p);
      bodies.push(wasm.subarray(p, p + len));
      p += len;
    }
  }
  if (keep) kept.push(wasm.subarray(i, end));
  i = end;
}

const n = bodies.length;
const seqs = bodies.map((b) => {
  const s = new Set();
  for (let j = 0; j + SEQ <= b.length; j++) s.add(b.toString("latin1", j, j + SEQ));
  return s;
});
/** Each sequence → the functions containing it. */
const holders = new Map();
seqs.forEach((s, f) => {
  for (const x of s) {
    let list = holders.get(x);
    if (!list) holders.set(x, (list = []));
    list.push(f);
  }
});

const placed = new Uint8Array(n);
const score = new Float64Array(n);
const order = [];
let firstUnplaced = 0;
for (let f = 0; order.length < n; ) {
  placed[f] = 1;
  order.push(f);
  const touched = [];
  for (const r of order.slice(-WINDOW)) {
    for (const x of seqs[r]) {
      const list = holders.get(x);
      if (list.length > MAX_FUNCTIONS_PER_SEQ) continue;
      for (const g of list) {
        if (placed[g]) continue;
        if (score[g] === 0) touched.push(g);
        score[g] += 1 / list.length;
      }
    }
  }
  let best = -1;
  let bestScore = 0;
  for (const g of touched) {
    const s = score[g] / Math.sqrt(seqs[g].size + 1);
    if (s > bestScore || (s === bestScore && g < best)) {
      bestScore = s;
      best = g;
    }
    score[g] = 0;
  }
  if (best < 0) {
    while (firstUnplaced < n && placed[firstUnplaced]) firstUnplaced++;
    best = firstUnplaced;
  }
  f = best;
}

// The name section: function index → its position, zero-padded so that names sort as numbers.
const entries = [encodeUleb(n)];
order.forEach((f, position) => {
  const name = Buffer.from(String(position).padStart(7, "0"));
  entries.push(encodeUleb(imported + f), encodeUleb(name.length), name);
});
const functionNames = Buffer.concat(entries);
const content = Buffer.concat([
  encodeUleb(4),
  Buffer.from("name"),
  Buffer.from([1]),
  encodeUleb(functionNames.length),
  functionNames,
]);
writeFileSync(outFile, Buffer.concat([...kept, Buffer.from([0]), encodeUleb(content.length), content]));
