import { startApp } from './test/helpers/app.ts';
import { launchBrowser } from './test/helpers/browser.ts';
import { sessionThroughMailFile } from './test/helpers/sign-in.ts';
import path from 'node:path';
const app = await startApp(async ({ services }) => void (await services.demo.loadIntoEmpty()), { RATE_LIMIT_READS: '0' });
const browser = await launchBrowser();
const targets = (process.env.SHOTS ?? '/').split(',');
if (process.env.MEMBER) {
  const { user } = await app.services.accounts.addUser('ada@example.org', 'admin');
  void user;
  const session = await sessionThroughMailFile(app.services, path.join(app.dir, 'mail'), 'ada@example.org');
  await browser.context.addCookies([{ name: 'pb_session', value: session, url: app.url }]);
}
for (const [i, t] of targets.entries()) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: Number(process.env.W ?? 1280), height: Number(process.env.H ?? 900) });
  await page.emulateMedia({ colorScheme: (process.env.SCHEME as 'light' | 'dark') ?? 'light' });
  await page.goto(app.url + t);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/shot-${i}.png`, fullPage: Boolean(process.env.FULL) });
  const header = await page.locator('.site-header').evaluate((h) => h.getBoundingClientRect().height);
  const small = await page.evaluate(() => [...document.querySelectorAll('a, button, input, summary')].filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && (r.height < 24 || r.width < 24) && getComputedStyle(e).display !== 'inline'; }).length);
  console.log(t, 'header', header, 'small targets (non-inline)', small);
  await page.close();
}
await browser.close();
await app.close();
