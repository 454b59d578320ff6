// Draws src/app/assets/preview.png: the site's picture in link previews for pages that have none of their own (the
// front page, listings, search), 1200 × 630 as OpenGraph asks. Run by hand when the look changes:
// `npx tsx scripts/build-preview-image.ts`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const canvas = createCanvas(1200, 630);
const context = canvas.getContext('2d');
context.fillStyle = '#fff1e8';
context.fillRect(0, 0, 1200, 630);
context.fillStyle = '#c2410c';
context.fillRect(0, 0, 1200, 24);
// Three paper cards, as on the front page.
for (const [i, x] of [80, 420, 760].entries()) {
  context.fillStyle = '#ffffff';
  context.strokeStyle = '#e5d5c8';
  context.lineWidth = 3;
  context.beginPath();
  context.roundRect(x, 300 + i * 12, 300, 250, 16);
  context.fill();
  context.stroke();
  context.fillStyle = '#1f2328';
  for (let line = 0; line < 3; line += 1) context.fillRect(x + 28, 340 + i * 12 + line * 34, line === 2 ? 160 : 240, 14);
  context.fillStyle = '#c2410c';
  context.fillRect(x + 28, 470 + i * 12, 70, 40);
}
context.fillStyle = '#1f2328';
context.font = 'bold 92px "DejaVu Sans", sans-serif';
context.fillText('Paperboard', 80, 170);
context.fillStyle = '#57606a';
context.font = '40px "DejaVu Sans", sans-serif';
context.fillText('Trending research papers, with their code', 80, 240);
const file = path.join(root, 'src/app/assets/preview.png');
fs.writeFileSync(file, await canvas.encode('png'));
console.log(`wrote ${path.relative(root, file)} (${fs.statSync(file).size} bytes)`);
