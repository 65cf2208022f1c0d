/**
 * The Chromium the e2e steps drive (one browser profile of our own, its pages' console watched for CSP violations
 * and uncaught errors) and the helpers every step uses: a fresh page, axe, screenshots, signing in as a demo person,
 * choosing a radio. web.e2e.ts launches and closes it; the steps-*.ts modules import the helpers.
 */
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(__dirname, 'screenshots');
export const PEOPLE = {
  'mombasa.focal': 'demo-county-2026',
  'civil.society': 'demo-civil-2026',
  secretariat: 'demo-secretariat-2026',
  // Created by web.e2e.ts for Omar Bakari Mohamed (Coast Migrant Workers Network, a member of the Mombasa unit only).
  'coast.cso': 'demo-coast-cso-2026',
} as const;
export type Who = keyof typeof PEOPLE;
export const emailOf = (who: Who) => `${who}@demo.coord.example`;

let browser: BrowserContext;
let profile: string;

/** Console messages that mean the page broke a rule: CSP violations and uncaught errors. */
export const problems: string[] = [];

/** Makes the screenshot folder and checks that Chromium is there (before the stack starts: fail early). */
export function prepareBrowser() {
  fs.mkdirSync(SHOTS, { recursive: true });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`e2e: no Chromium at ${CHROMIUM} (scripts/e2e.sh installs it)`);
}

/** Launches Chromium on a fresh profile, its pages relative to `baseURL` (the stack's). */
export async function launchBrowser(baseURL: string) {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'coord-e2e-chromium-'));
  // A persistent context is how Playwright takes a user data dir of ours: a fresh, empty one.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    baseURL,
    locale: 'en-GB',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function closeBrowser() {
  await browser?.close();
}

export function removeProfile() {
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
}

/** The browser's one context: its cookies. */
export function browserContext(): BrowserContext {
  return browser;
}

/**
 * A page as a new visitor: no cookie (so no session) and no remembered language. One browser profile (a fresh
 * --user-data-dir of our own) holds every page, so each test starts by clearing what the previous one left.
 */
export async function newPage(
  viewport = { width: 1200, height: 900 },
): Promise<{ context: { close(): Promise<void> }; page: Page }> {
  await browser.clearCookies();
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  await page.goto('/health');
  await page.evaluate(() => localStorage.clear());
  const context = { close: () => page.close() };
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Uncaught/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { context, page };
}

/** axe-core on the page as it is: no serious or critical violation (WCAG 2.1 A and AA rules). */
export async function checkAccessibility(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `accessibility of ${name}`,
  );
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, who: Who) {
  await page.goto('/sign-in');
  // The first Email field: the "forgot your password?" form below has its own.
  await page.getByRole('textbox', { name: 'Email' }).first().fill(emailOf(who));
  await page.getByLabel('Password', { exact: true }).fill(PEOPLE[who]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Picks a radio button as a keyboard user does (React Aria's radios are visually hidden native inputs). */
export async function choose(group: Locator, name: string) {
  // A handle, not a locator: choosing may rename the group (a new language).
  const radio = (await group.getByRole('radio', { name, exact: true }).elementHandle())!;
  await radio.focus();
  await radio.press('Space');
  await radio.waitForElementState('stable');
  await group.page().waitForFunction((el) => (el as HTMLInputElement).checked, radio);
}

/** The id of the "County migration desk" item, from its link on the current page. */
export async function trailItemId(page: Page): Promise<string> {
  const href = await page
    .getByRole('link', { name: /County migration desk operational/ })
    .first()
    .getAttribute('href');
  return href!.split('/').pop()!;
}

export async function openBody(page: Page, name: string) {
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await page
    .getByRole('link', { name: new RegExp(name) })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
}
