// `npm run screenshots`: the README's pictures, taken the way the browser tests see the site — a fresh install with
// the demo set (papers, code, a week of stars), a member's vote and comment, Debian's Chromium at 1280 × 900, light and
// dark. Writes docs/screenshots/*.png; run it after a change to how pages look.
import fs from 'node:fs';
import path from 'node:path';
import { startApp } from '../test/helpers/app.ts';
import { launchBrowser } from '../test/helpers/browser.ts';
import { repoRoot } from '../test/helpers/paths.ts';

const out = path.join(repoRoot, 'docs/screenshots');
fs.mkdirSync(out, { recursive: true });

const app = await startApp(async ({ services }) => void (await services.demo.loadIntoEmpty()), { RATE_LIMIT_READS: '0', RATE_LIMIT_SEARCHES: '0' });
const browser = await launchBrowser();
try {
  // The paper whose code gains most: a page with authors, an abstract, repositories and a sparkline.
  const byCode = await (await app.get('/trending?by=stars')).text();
  const paper = /href="(\/papers\/[^"#]+)"/.exec(byCode)?.[1] ?? '/';
  const shots = [
    ['front', '/'],
    ['trending-by-code', '/trending?by=stars'],
    ['paper', paper],
    ['search', '/search?q=pretrainnig'],
  ] as const;
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, address] of shots) {
      await page.goto(app.url + address);
      const file = path.join(out, `${name}-${scheme}.png`);
      await page.screenshot({ path: file });
      console.log(`${path.relative(repoRoot, file)}  (${address})`);
    }
    await page.close();
  }
  // A phone, light: the two-row header, the period tabs in one row, cards with their pictures.
  const phone = await browser.context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.emulateMedia({ colorScheme: 'light' });
  for (const [name, address] of [['front-phone', '/'], ['paper-phone', paper]] as const) {
    await phone.goto(app.url + address);
    const file = path.join(out, `${name}.png`);
    await phone.screenshot({ path: file });
    console.log(`${path.relative(repoRoot, file)}  (${address}, 390 px)`);
  }
  await phone.close();
} finally {
  await browser.close();
  await app.close();
}
