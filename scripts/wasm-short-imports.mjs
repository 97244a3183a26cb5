// Gives the functions a wasm module imports from its wasm-bindgen glue short names, in both
// files: `node wasm-short-imports.mjs MODULE_bg.wasm MODULE.js` (build-web.sh runs it on
// wasm-bindgen's output, before wasm-opt and terser). wasm-bindgen names each import after
// its Rust binding plus a 16-digit hash (`__wbg_setAttribute_2c3e0f1a4b5d6e7f`), and the name
// is written twice, in the module's import section and as a key of the glue's import object:
// some 200 such names are about 4 KB of gzipped page, renamed `_0`, `_1`, … `_5e`. Like
// terser's mangling, it changes what things are called, never what they do.
//
// Each old name must occur exactly once in the glue (as its key in the import object); if
// not, the glue is not what this script knows, and it stops with an error, changing nothing.
import { readFileSync, writeFileSync } from "node:fs";
import { uleb, encodeUleb, encodeName } from "./wasm-leb.mjs";

const [wasmFile, jsFile] = process.argv.slice(2);
if (!wasmFile || !jsFile) {
  console.error("usage: node wasm-short-imports.mjs MODULE_bg.wasm MODULE.js");
  process.exit(2);
}
const wasm = readFileSync(wasmFile);
let js = readFileSync(jsFile, "utf8");



const text = new TextDecoder();

/** Skips an import's description in `buf` (after its kind byte, at `i`): the next index. */
function skipDesc(buf, kind, i) {
  const limits = (j) => {
    const flags = buf[j];
    let [, k] = uleb(buf, j + 1);
    if (flags & 1) [, k] = uleb(buf, k);
    return k;
  };
  switch (kind) {
    case 0: // function: a type index
      return uleb(buf, i)[1];
    case 1: // table: a reference type, then limits
      return limits(i + 1);
    case 2: // memory: limits
      return limits(i);
    case 3: // global: a value type, then mutability
      return i + 2;
    case 4: // tag: an attribute, then a type index
      return uleb(buf, i + 1)[1];
    default:
      throw new Error(`import kind ${kind} is unknown`);
  }
}

/** The glue's module name, as the wasm imports it: "./MODULE_bg.js". */
const glue = `./${jsFile.split("/").pop().replace(/\.js$/, "")}_bg.js`;

function rewriteImports(body) {
  let [count, i] = uleb(body, 0);
  const parts = [encodeUleb(count)];
  let next = 0;
  for (let c = 0; c < count; c++) {
    let len;
    [len, i] = uleb(body, i);
    const module = text.decode(body.subarray(i, i + len));
    i += len;
    [len, i] = uleb(body, i);
    const name = text.decode(body.subarray(i, i + len));
    i += len;
    const descStart = i;
    const kind = body[i];
    i = skipDesc(body, kind, i + 1);
    let newName = name;
    if (module === glue && kind === 0) {
      newName = `_${(next++).toString(36)}`;
      const pattern = new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
      const hits = js.match(pattern)?.length ?? 0;
      if (hits !== 1) {
        throw new Error(`${jsFile}: the import ${name} occurs ${hits} times, not once`);
      }
      if (new RegExp(`(?<![\\w$])${newName}(?![\\w$])`).test(js)) {
        throw new Error(`${jsFile}: the short name ${newName} is already used`);
      }
      js = js.replace(pattern, newName);
    }
    parts.push(encodeName(module), encodeName(newName), body.subarray(descStart, i));
  }
  if (i !== body.length) throw new Error("the import section did not parse to its end");
  return Buffer.concat(parts);
}

const out = [wasm.subarray(0, 8)];
for (let i = 8; i < wasm.length; ) {
  const id = wasm[i];
  const [size, body] = uleb(wasm, i + 1);
  const end = body + size;
  if (id === 2) {
    const rewritten = rewriteImports(wasm.subarray(body, end));
    out.push(Buffer.from([2]), encodeUleb(rewritten.length), rewritten);
  } else {
    out.push(wasm.subarray(i, end));
  }
  i = end;
}
writeFileSync(wasmFile, Buffer.concat(out));
writeFileSync(jsFile, js);
