/**
 * Arabic, right to left, on a phone: the visitor picks العربية in the header's language picker; the page says
 * lang="ar" dir="rtl", its text stands on the right, nothing scrolls sideways at 360 px, the dashboard's chart
 * is mirrored, axe finds nothing serious, and GraphQL requests carry Accept-Language: ar (so that the API
 * answers in Arabic). Then back to English. Called from web.e2e.ts with its helpers.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export interface StepHelpers {
  newPage(viewport?: { width: number; height: number }): Promise<{ context: { close(): Promise<void> }; page: Page }>;
  checkAccessibility(page: Page, name: string): Promise<void>;
  screenshot(page: Page, name: string): Promise<void>;
}

async function direction(page: Page) {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

/** Sideways overflow of the page, in px (0 or less: it fits the screen). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Where the text of the page's h1 starts and ends, from the window's left edge. */
const headingText = (page: Page) =>
  page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('h1')!);
    const box = range.getBoundingClientRect();
    return { left: box.left, right: box.right, width: window.innerWidth };
  });

export async function arabicRightToLeft({ newPage, checkAccessibility, screenshot }: StepHelpers) {
  const { context, page } = await newPage({ width: 360, height: 780 });
  const languages: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') {
      // allHeaders() rejects once the page has closed: a late request must not end the run as an unhandled rejection.
      request
        .allHeaders()
        .then((headers) => languages.push(headers['accept-language'] ?? ''))
        .catch(() => undefined);
    }
  });
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: 'Coordination bodies' }).waitFor();
  assert.deepEqual(await direction(page), { lang: 'en', dir: 'ltr' });

  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'العربية' });
  await page.getByRole('heading', { level: 1, name: 'هيئات التنسيق' }).waitFor();
  assert.deepEqual(await direction(page), { lang: 'ar', dir: 'rtl' });
  await page
    .getByRole('link', { name: /Mombasa/ })
    .first()
    .waitFor();
  // The heading's text stands against the right edge (right to left), not the left one.
  const heading = await headingText(page);
  assert.ok(
    heading.width - heading.right < heading.left,
    `the Arabic heading is not on the right: ${JSON.stringify(heading)}`,
  );
  assert.ok((await overflow(page)) <= 0, 'the Arabic directory is wider than the screen');
  await checkAccessibility(page, 'directory in Arabic at 360 px');
  await screenshot(page, 'directory-ar-360');

  await page.getByRole('link', { name: 'المساءلة' }).click();
  await page.getByRole('heading', { level: 1, name: 'لوحة المساءلة' }).waitFor();
  await page.locator('.recharts-surface').first().waitFor();
  // The chart is mirrored: the names of the groups (the category axis) stand right of the bars.
  const axes = await page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
    return { names: box('.recharts-yAxis')?.left ?? 0, bars: box('.recharts-bar-rectangles')?.left ?? 0 };
  });
  assert.ok(axes.names > axes.bars, `the chart is not mirrored: ${JSON.stringify(axes)}`);
  assert.ok((await overflow(page)) <= 0, 'the Arabic dashboard is wider than the screen');
  await checkAccessibility(page, 'dashboard in Arabic at 360 px');
  await screenshot(page, 'dashboard-ar-360');
  await page.getByRole('button', { name: 'العرض في جدول' }).click();
  await page.getByRole('table').first().waitFor();
  await checkAccessibility(page, 'dashboard table in Arabic at 360 px');
  await screenshot(page, 'dashboard-table-ar-360');
  assert.ok(languages.includes('ar'), `GraphQL requests in Arabic said Accept-Language ${languages.join(', ')}`);

  await page.getByRole('combobox', { name: 'اللغة' }).selectOption({ label: 'English' });
  await page.getByRole('heading', { level: 1, name: 'Accountability dashboard' }).waitFor();
  assert.deepEqual(await direction(page), { lang: 'en', dir: 'ltr' });
  await context.close();
}
