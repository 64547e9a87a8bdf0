#!/usr/bin/env node
// `node build/make-icons.js`: draws Dockhand's icon (a drive with an arrow up, on a rounded navy square) at
// every size the installers need and writes what electron-builder reads from build/:
//   build/icons/<N>x<N>.png  Linux (AppImage, deb): 16 to 512
//   build/icon.png           1024 px, the source size electron-builder falls back to
//   build/icon.ico           Windows (nsis): 16 to 256, PNG-compressed entries
//   build/icon.icns          macOS (dmg): 16 to 1024, PNG-compressed entries
// Plain Node (zlib), no image tools: the shapes are signed distance functions, anti-aliased by supersampling.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const buildDir = path.dirname(fileURLToPath(import.meta.url));
const SUPERSAMPLE = 4;

const NAVY = [31, 58, 95];
const WHITE = [244, 246, 248];
const AMBER = [245, 158, 11];

function roundedRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
/** The arrow's head: a triangle with its apex up. */
function arrowHead(x, y) {
  const apexY = 0.15;
  const baseY = 0.31;
  const halfBase = 0.14;
  if (y < apexY || y > baseY) return 1;
  return Math.abs(x - 0.5) <= (halfBase * (y - apexY)) / (baseY - apexY) ? -1 : 1;
}

/** The colour at a point of the unit square, top layer first; undefined outside the icon. */
function colourAt(x, y) {
  if (roundedRect(x, y, 0.5, 0.5, 0.44, 0.44, 0.1) > 0) return undefined;
  if (circle(x, y, 0.71, 0.68, 0.028) <= 0) return AMBER;
  if (roundedRect(x, y, 0.42, 0.68, 0.15, 0.014, 0.01) <= 0) return NAVY;
  if (roundedRect(x, y, 0.5, 0.68, 0.31, 0.12, 0.045) <= 0) return WHITE;
  if (arrowHead(x, y) <= 0 || roundedRect(x, y, 0.5, 0.4, 0.05, 0.11, 0) <= 0) return WHITE;
  return NAVY;
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = colourAt((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        rgba[o] = Math.round(r / covered);
        rgba[o + 1] = Math.round(g / covered);
        rgba[o + 2] = Math.round(b / covered);
      }
      rgba[o + 3] = Math.round((255 * covered) / n);
    }
  }
  return rgba;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const rgba = render(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICO with PNG entries (Windows Vista and later read them at every size). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

/** ICNS with PNG entries: OSType, then big-endian length including the 8-byte header. */
function icns(entries) {
  const parts = entries.map(({ type, data }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([h, ...parts]);
}

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// https://en.wikipedia.org/wiki/Apple_Icon_Image_format: the PNG-capable types and their pixel sizes.
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

const cache = new Map();
const pngOf = (size) => {
  if (!cache.has(size)) cache.set(size, png(size));
  return cache.get(size);
};

mkdirSync(path.join(buildDir, 'icons'), { recursive: true });
for (const size of LINUX_SIZES)
  writeFileSync(path.join(buildDir, 'icons', `${size}x${size}.png`), pngOf(size));
writeFileSync(path.join(buildDir, 'icon.png'), pngOf(1024));
writeFileSync(path.join(buildDir, 'icon.ico'), ico(ICO_SIZES.map((size) => ({ size, data: pngOf(size) }))));
writeFileSync(
  path.join(buildDir, 'icon.icns'),
  icns(ICNS_TYPES.map(([type, size]) => ({ type, data: pngOf(size) }))),
);
console.log('wrote build/icons/*.png, build/icon.png, build/icon.ico, build/icon.icns');
