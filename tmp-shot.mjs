import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
for (const [name, path] of [['overview','/'],['articles','/articles'],['feeds','/feeds'],['dead','/dead-letters'],['stories','/stories']]) {
  await page.goto('http://127.0.0.1:4814' + path);
  await page.screenshot({ path: `/tmp/i14-${name}.png` });
}
await page.goto('http://127.0.0.1:4814/articles');
await page.click('#results tbody tr:first-child a');
await page.screenshot({ path: `/tmp/i14-article.png` });
await browser.close();
