#!/usr/bin/env node
// Writes images/icon.png (128x128 RGBA): a bold block "HP" on a rounded tile,
// with a small sweep curve under it. Only node:zlib and node:fs are used, so
// the icon can be regenerated anywhere:  node scripts/make-icon.mjs images/icon.png
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const SIZE = 128;
const BG = [37, 99, 235]; // blue tile
const FG = [255, 255, 255];
const ACCENT = [250, 204, 21]; // yellow sweep curve

// 5x7 glyphs, '#' = filled.
const GLYPHS = {
  H: ["#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
  P: ["####.", "#...#", "#...#", "####.", "#....", "#....", "#...."],
};

const px = new Uint8Array(SIZE * SIZE * 4); // transparent

function set(x, y, [r, g, b], a = 255) {
  if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) return;
  const i = (y * SIZE + x) * 4;
  px[i] = r;
  px[i + 1] = g;
  px[i + 2] = b;
  px[i + 3] = a;
}

// Rounded tile with 1px anti-aliased edge.
const R = 22;
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const cx = Math.min(Math.max(x + 0.5, R), SIZE - R);
    const cy = Math.min(Math.max(y + 0.5, R), SIZE - R);
    const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
    const cover = Math.max(0, Math.min(1, R - d + 0.5));
    if (cover > 0) set(x, y, BG, Math.round(255 * cover));
  }
}

// "HP": cell 8px, glyphs 5 cells wide, 1 cell gap -> 11 cells = 88px wide, 56px tall.
const CELL = 8;
const text = "HP";
const width = text.length * 5 * CELL + (text.length - 1) * CELL;
const left = Math.floor((SIZE - width) / 2);
const top = 22;
[...text].forEach((ch, n) => {
  GLYPHS[ch].forEach((row, gy) => {
    [...row].forEach((cell, gx) => {
      if (cell !== "#") return;
      const x0 = left + n * 6 * CELL + gx * CELL;
      const y0 = top + gy * CELL;
      for (let y = y0; y < y0 + CELL; y++) for (let x = x0; x < x0 + CELL; x++) set(x, y, FG);
    });
  });
});

// A learning-rate-like decay curve under the letters.
for (let x = 20; x < 108; x++) {
  const t = (x - 20) / 88;
  const y = Math.round(112 - 18 * Math.exp(-4 * t));
  for (let dy = -2; dy <= 2; dy++) set(x, y + dy, ACCENT);
}

// PNG encoding: signature, IHDR, IDAT (filter 0 per row), IEND.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0;
  Buffer.from(px.buffer, y * SIZE * 4, SIZE * 4).copy(raw, y * (SIZE * 4 + 1) + 1);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", ihdr),
  chunk("IDAT", deflateSync(raw, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
const out = process.argv[2] ?? "images/icon.png";
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
