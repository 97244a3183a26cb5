// LEB128 helpers shared by the build's wasm post-processing scripts
// (wasm-short-imports.mjs, wasm-order-names.mjs, wasm-order-similar.mjs).

/** Reads an unsigned LEB128 at `i`: [value, next index]. */
export function uleb(buf, i) {
  let value = 0;
  let scale = 1;
  let byte;
  do {
    byte = buf[i++];
    value += (byte & 0x7f) * scale;
    scale *= 128;
  } while (byte & 0x80);
  return [value, i];
}

/** An unsigned LEB128. */
export function encodeUleb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

/** A wasm name: its UTF-8 length as LEB128, then the bytes. */
export const encodeName = (s) => {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([encodeUleb(b.length), b]);
};
