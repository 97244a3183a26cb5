// Rewrites the function names of a wasm module (its "name" custom section) in place into sort
// keys, so that `wasm-opt --reorder-functions-by-name` (build-web.sh) lays out related code
// side by side: the copies of one generic function (`Simulator<P>::act` for Raft and for
// Paxos, the 22 `CompStateInner<COMP>::view`), and a type's own and trait methods
// (`<PaxosNote as Explain>::render` is keyed `PaxosNote::render as Explain`). gzip finds
// repeats only within 32 KiB, so neighbours that look alike compress much better: about 5 KB
// less of gzipped explorer wasm than wasm-opt's order. Only the order of the functions in the
// code section changes, never what any of them does; wasm-opt drops the name section after.
//
// The names are wasm-bindgen's (already demangled, "path::to::f::h0123456789abcdef"); a key
// is the name without its hash, then the function's index, so every key stays unique.
import { readFileSync, writeFileSync } from "node:fs";
import { uleb, encodeUleb } from "./wasm-leb.mjs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node wasm-order-names.mjs MODULE.wasm");
  process.exit(2);
}
const wasm = readFileSync(file);



const text = new TextDecoder();

/** The sort key of function `index` named `name`. */
function key(name, index) {
  let k = name.replace(/::h[0-9a-f]{16}$/, "");
  // "<Type as Trait>::method" → "Type::method as Trait": next to Type's other methods.
  const impl = /^_?<(.+?) as (.+)>::(.*)$/.exec(k);
  if (impl) k = `${impl[1]}::${impl[3]} as ${impl[2]}`;
  return `${k}\u0000${String(index).padStart(7, "0")}`;
}

/** The "name" section's content with its function-name subsection (id 1) rewritten. */
function rewriteNames(content, start) {
  const parts = [content.subarray(0, start)];
  let p = start;
  while (p < content.length) {
    const id = content[p];
    const [size, body] = uleb(content, p + 1);
    const end = body + size;
    if (id !== 1) {
      parts.push(content.subarray(p, end));
    } else {
      let [count, r] = uleb(content, body);
      const entries = [encodeUleb(count)];
      for (let c = 0; c < count; c++) {
        let index, len;
        [index, r] = uleb(content, r);
        [len, r] = uleb(content, r);
        const name = Buffer.from(key(text.decode(content.subarray(r, r + len)), index));
        r += len;
        entries.push(encodeUleb(index), encodeUleb(name.length), name);
      }
      const sub = Buffer.concat(entries);
      parts.push(Buffer.from([1]), encodeUleb(sub.length), sub);
    }
    p = end;
  }
  return Buffer.concat(parts);
}

const out = [wasm.subarray(0, 8)];
let found = false;
for (let i = 8; i < wasm.length; ) {
  const id = wasm[i];
  const [size, body] = uleb(wasm, i + 1);
  const end = body + size;
  if (id === 0) {
    const [len, nameAt] = uleb(wasm, body);
    const content = wasm.subarray(body, end);
    if (text.decode(wasm.subarray(nameAt, nameAt + len)) === "name") {
      const rewritten = rewriteNames(content, nameAt + len - body);
      out.push(Buffer.from([0]), encodeUleb(rewritten.length), rewritten);
      found = true;
      i = end;
      continue;
    }
  }
  out.push(wasm.subarray(i, end));
  i = end;
}
if (!found) {
  console.error(`${file} has no name section: its functions keep wasm-opt's order`);
}
writeFileSync(file, Buffer.concat(out));
