/**
 * The web client end to end, in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core), against
 * its own stack (stack.ts) with the demo data. Steps read as a user's: find by role and accessible name.
 * Run: npm run test:e2e (npm test runs it too). Screenshots of every page go to apps/web/e2e/screenshots/.
 */
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { gql, Stack, startStack, token } from './stack';
import { arabicRightToLeft } from './steps-18w';
import { bodiesAndMeetings, correctDecisions } from './steps-20a';
import { accountabilitySteps, adminRetrySteps, reportingSteps } from './steps-20b';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(__dirname, 'screenshots');
const PEOPLE = {
  'mombasa.focal': 'demo-county-2026',
  'civil.society': 'demo-civil-2026',
  secretariat: 'demo-secretariat-2026',
  // Created below for Omar Bakari Mohamed (Coast Migrant Workers Network, a member of the Mombasa unit only).
  'coast.cso': 'demo-coast-cso-2026',
} as const;
type Who = keyof typeof PEOPLE;
const emailOf = (who: Who) => `${who}@demo.coord.example`;

let stack: Stack;
let browser: BrowserContext;
let profile: string;
/** Console messages that mean the page broke a rule: CSP violations and uncaught errors. */
const problems: string[] = [];
const ids: { mombasa: string; privateTwg: string; meeting: string; action: string } = {
  mombasa: '',
  privateTwg: '',
  meeting: '',
  action: '',
};

/**
 * A page as a new visitor: no cookie (so no session) and no remembered language. One browser profile (a fresh
 * --user-data-dir of our own) holds every page, so each test starts by clearing what the previous one left.
 */
async function newPage(
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
async function checkAccessibility(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `accessibility of ${name}`,
  );
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, who: Who) {
  await page.goto('/sign-in');
  // The first Email field: the "forgot your password?" form below has its own.
  await page.getByRole('textbox', { name: 'Email' }).first().fill(emailOf(who));
  await page.getByLabel('Password', { exact: true }).fill(PEOPLE[who]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Picks a radio button as a keyboard user does (React Aria's radios are visually hidden native inputs). */
async function choose(group: Locator, name: string) {
  // A handle, not a locator: choosing may rename the group (a new language).
  const radio = (await group.getByRole('radio', { name, exact: true }).elementHandle())!;
  await radio.focus();
  await radio.press('Space');
  await radio.waitForElementState('stable');
  await group.page().waitForFunction((el) => (el as HTMLInputElement).checked, radio);
}

/** The id of the "County migration desk" item, from its link on the current page. */
async function trailItemId(page: Page): Promise<string> {
  const href = await page
    .getByRole('link', { name: /County migration desk operational/ })
    .first()
    .getAttribute('href');
  return href!.split('/').pop()!;
}

async function openBody(page: Page, name: string) {
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await page
    .getByRole('link', { name: new RegExp(name) })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
}

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`e2e: no Chromium at ${CHROMIUM} (scripts/e2e.sh installs it)`);
  stack = await startStack();
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'coord-e2e-chromium-'));
  // A persistent context is how Playwright takes a user data dir of ours: a fresh, empty one.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    baseURL: stack.url,
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
  // Setup through the API, as the secretariat would do in its console (part 2): a meeting of the Mombasa unit,
  // whose invitation reaches the focal point as a notification.
  const secretariat = await token(stack.url, emailOf('secretariat'), PEOPLE.secretariat);
  const bodies = await gql(
    stack.url,
    `{ coordinationBodies(first: 100) { edges { node { id name isPublic } } } }`,
    {},
    secretariat,
  );
  const find = (re: RegExp) =>
    bodies.coordinationBodies.edges.map((e: any) => e.node).find((b: any) => re.test(b.name));
  ids.mombasa = find(/Mombasa/).id;
  ids.privateTwg = find(/Counter-Trafficking/).id;
  const start = new Date(Date.now() + 5 * 86400_000);
  start.setUTCHours(7, 0, 0, 0);
  const meeting = await gql(
    stack.url,
    `mutation($input: MeetingInput!) { scheduleMeeting(input: $input) { id } }`,
    {
      input: {
        bodyId: ids.mombasa,
        title: 'Returnee reintegration consultation (e2e)',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
        timezone: 'Africa/Nairobi',
        location: 'Mombasa County Hall',
        inviteMembers: true,
      },
    },
    secretariat,
  );
  ids.meeting = meeting.scheduleMeeting.id;
  // A sign-in for a civil-society member who sits on the Mombasa unit only (the demo's civil.society person sits
  // on the NCM itself, and members of a body read every body beneath it, the private working groups included).
  const admin = await token(stack.url, 'admin@coord.example', 'admin-password-2026');
  const omar = await gql(stack.url, `{ people(search: "Omar Bakari") { edges { node { id } } } }`, {}, admin);
  await gql(
    stack.url,
    `mutation($e: String!, $p: String!, $id: ID) { createUser(email: $e, password: $p, personId: $id) { id } }`,
    { e: emailOf('coast.cso'), p: PEOPLE['coast.cso'], id: omar.people.edges[0].node.id },
    admin,
  );
  // The worker delivers the invitation: wait until the focal point has it.
  const focal = await token(stack.url, emailOf('mombasa.focal'), PEOPLE['mombasa.focal']);
  for (let i = 0; i < 60; i++) {
    const data = await gql(stack.url, `{ notifications(unreadOnly: true) { unreadCount } }`, {}, focal);
    if (data.notifications.unreadCount > 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('e2e setup: the meeting invitation never reached the focal point');
});

after(async () => {
  await browser?.close();
  await stack?.stop();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

describe('web client', () => {
  it('an anonymous visitor finds the Mombasa county unit and sees its commitments', async () => {
    const { context, page } = await newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Coordination bodies' }).waitFor();
    await page
      .getByRole('link', { name: /Mombasa/ })
      .first()
      .waitFor();
    await checkAccessibility(page, 'directory');
    await screenshot(page, 'directory');

    await page.getByLabel('County', { exact: true }).selectOption('KE-28');
    await page.getByRole('status').filter({ hasText: '1 body' }).waitFor();
    await page.getByRole('link', { name: /Mombasa County Migration Outreach Unit/ }).click();
    await page.getByRole('heading', { name: /Commitments \(\d+\)/ }).waitFor();
    const commitments = page.locator('section[aria-labelledby="commitments"] li');
    assert.ok((await commitments.count()) >= 1, 'the Mombasa unit lists its commitments');
    await page.getByRole('link', { name: /County migration desk operational/ }).waitFor();
    await checkAccessibility(page, 'body page');
    await screenshot(page, 'body-page');

    await page.getByRole('link', { name: 'Accountability' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accountability dashboard' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await page.getByRole('link', { name: 'Download CSV' }).waitFor();
    await checkAccessibility(page, 'dashboard (chart)');
    await screenshot(page, 'dashboard');
    await page.getByRole('button', { name: 'Show as a table' }).click();
    await page.getByRole('table').waitFor();
    await checkAccessibility(page, 'dashboard (table)');
    await page.getByRole('tab', { name: 'By sector' }).click();
    await page.getByRole('tabpanel', { name: 'By sector' }).getByRole('button', { name: 'Show as a table' }).click();
    await page.getByRole('columnheader', { name: 'Overdue' }).first().waitFor();
    await context.close();
  });

  it('the Mombasa focal point signs in, reports progress on an item and sees it in its trail', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'mombasa.focal');
    await page.getByRole('heading', { level: 1, name: 'My action items' }).waitFor();
    await checkAccessibility(page, 'my action items');
    await screenshot(page, 'my-actions');
    await page.getByRole('button', { name: /Report progress on County migration desk operational/ }).click();
    const form = page.getByRole('form', { name: /Progress on County migration desk operational/ });
    await form
      .getByRole('textbox', { name: 'What was done' })
      .fill('Desk staffed three days a week at the county offices');
    await form.getByRole('spinbutton', { name: 'Progress (%)' }).fill('45');
    await form.getByRole('combobox', { name: 'Status' }).selectOption('IN_PROGRESS');
    await form.getByRole('button', { name: 'Send the report' }).click();
    await form.getByRole('status').filter({ hasText: 'Your report is recorded.' }).waitFor();

    await page.getByRole('link', { name: /County migration desk operational/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Progress reports' }).waitFor();
    const trail = page.locator('section[aria-labelledby="trail"]');
    await trail.getByText('Desk staffed three days a week at the county offices').waitFor();
    assert.match(await trail.innerText(), /Rehema Said Mwamburi · 45%/);
    await checkAccessibility(page, 'action item');
    await screenshot(page, 'action-item');
    await context.close();
  });

  it('when the session ends while typing, signing in again sends the report with what was typed', async () => {
    const { page } = await newPage();
    await signIn(page, 'mombasa.focal');
    await page.getByRole('button', { name: /Report progress on County migration desk operational/ }).click();
    const form = page.getByRole('form', { name: /Progress on County migration desk operational/ });
    await form.getByRole('textbox', { name: 'What was done' }).fill('Second officer seconded by the county');
    // The session ends: the refresh cookie is gone (signed out elsewhere, or expired) and the API refuses the
    // access token of the next request.
    await browser.clearCookies();
    let refused = false;
    await page.route('**/graphql', async (route) => {
      if (!refused && route.request().postData()?.includes('ReportProgress')) {
        refused = true;
        await route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({
            errors: [{ message: 'Sign in to do this', extensions: { code: 'UNAUTHENTICATED' } }],
          }),
        });
      } else {
        await route.continue();
      }
    });
    await form.getByRole('button', { name: 'Send the report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor();
    await checkAccessibility(page, 'session expired dialog');
    await screenshot(page, 'session-expired');
    await dialog.getByLabel('Password').fill(PEOPLE['mombasa.focal']);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await form.getByRole('status').filter({ hasText: 'Your report is recorded.' }).waitFor();
    await page.goto('/action-items/' + (await trailItemId(page)));
    await page.getByText('Second officer seconded by the county').waitFor();
    await page.close();
  });

  it('the focal point answers a meeting invitation and adds the meetings to a calendar', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'mombasa.focal');
    await page.getByRole('link', { name: 'My meetings' }).click();
    await page.getByRole('heading', { level: 1, name: 'My upcoming meetings' }).waitFor();
    await choose(page.getByRole('radiogroup', { name: /Returnee reintegration consultation \(e2e\)/ }), 'Attending');
    await page.getByText('Your answer is recorded: Attending.').waitFor();
    await page.getByRole('button', { name: 'Create my calendar link' }).click();
    const link = page.getByRole('link', { name: 'Add to calendar' });
    assert.match((await link.getAttribute('href')) ?? '', /^webcal:\/\/localhost:\d+\/calendar\/feeds\/.+\.ics$/);
    await checkAccessibility(page, 'my meetings');
    await screenshot(page, 'my-meetings');

    // The mail link of the invitation opens the meeting, with the answer given.
    await page.goto(`/meetings/${ids.meeting}`);
    await page.getByRole('heading', { level: 1, name: 'Returnee reintegration consultation (e2e)' }).waitFor();
    assert.equal(await page.getByRole('radio', { name: 'Attending', exact: true }).isChecked(), true);
    await checkAccessibility(page, 'meeting');
    await screenshot(page, 'meeting');
    await context.close();
  });

  it('the focal point reads a notification and marks it read', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'mombasa.focal');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const badge = nav.getByRole('link', { name: /Notifications/ });
    await badge.filter({ hasText: /\d/ }).waitFor();
    await badge.click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: 'Returnee reintegration consultation (e2e)' }).first();
    await item.waitFor();
    const unreadBefore = Number((await page.getByText(/\d+ unread notification/).innerText()).match(/\d+/)?.[0]);
    assert.ok(unreadBefore >= 1, `unread: ${unreadBefore}`);
    await checkAccessibility(page, 'notifications');
    await screenshot(page, 'notifications');
    await item.getByRole('button', { name: /Mark .* as read/ }).click();
    await page
      .getByText(unreadBefore - 1 === 0 ? 'No unread notification' : `${unreadBefore - 1} unread notification`)
      .waitFor();
    await item.getByRole('link', { name: 'Open the meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Returnee reintegration consultation (e2e)' }).waitFor();
    await context.close();
  });

  it('a civil-society member of the Mombasa unit cannot see the private counter-trafficking working group', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'coast.cso');
    await page.goto('/');
    await page
      .getByRole('link', { name: /Mombasa County Migration Outreach Unit/ })
      .first()
      .waitFor();
    assert.equal(await page.getByRole('link', { name: /Counter-Trafficking/ }).count(), 0);
    await page.goto(`/bodies/${ids.privateTwg}`);
    await page.getByRole('heading', { level: 1, name: 'Body not found' }).waitFor();
    assert.equal(await page.getByText(/Counter-Trafficking/).count(), 0);
    await screenshot(page, 'private-body-hidden');
    await context.close();
  });

  it('works at 360 px wide: the body page fits without sideways scrolling', async () => {
    const { context, page } = await newPage({ width: 360, height: 780 });
    await openBody(page, 'Mombasa');
    await page.getByRole('heading', { name: /Commitments/ }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    await checkAccessibility(page, 'body page at 360 px');
    await screenshot(page, 'body-page-360');
    await context.close();
  });

  it('reads Arabic right to left at 360 px, and goes back to English', () =>
    arabicRightToLeft({ newPage, checkAccessibility, screenshot }));

  it('speaks Kiswahili once chosen, and remembers it', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'civil.society');
    await page.getByRole('link', { name: 'Preferences' }).click();
    await choose(page.getByRole('radiogroup', { name: 'Language' }), 'Kiswahili');
    await page.getByRole('heading', { level: 1, name: 'Mapendeleo' }).waitFor();
    await checkAccessibility(page, 'preferences');
    await screenshot(page, 'preferences-sw');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Vyombo vya uratibu' }).waitFor();
    await context.close();
  });

  /** The link of the newest mail to `email` with `path`, as the worker sent it through the sink. */
  async function mailedLink(email: string, path: string, after: number): Promise<string> {
    for (let i = 0; i < 60; i++) {
      const mails = stack.mail.mails.filter((m) => m.to.includes(email) && m.text.includes(path));
      const match =
        mails.length > after && new RegExp(`https?://[^\\s]+${path}\\?token=[A-Za-z0-9_-]+`).exec(mails.at(-1)!.text);
      if (match) return match[0];
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`e2e: no mail to ${email} with ${path}`);
  }
  const mailCount = (email: string, path: string) =>
    stack.mail.mails.filter((m) => m.to.includes(email) && m.text.includes(path)).length;
  const invitee = { email: 'halima.invited@demo.coord.example', password: 'ochre lighthouse kettle 41' };

  /** Sets a password on the page a mail's link opened: the policy's message under the field, then signed in. */
  async function setPassword(page: Page, password: string) {
    const field = page.getByLabel('Password', { exact: true });
    await field.fill('password123456');
    await page.getByRole('button', { name: 'Save the password and sign in' }).click();
    // The API's policy message, under the field it names (and tied to it for assistive tech).
    await page.locator('input[aria-invalid="true"]').waitFor();
    assert.match((await page.locator('.field', { has: field }).textContent()) ?? '', /most common passwords/);
    await field.fill(password);
    await page.getByRole('button', { name: 'Save the password and sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'My action items' }).waitFor();
    // The refresh token is in the HttpOnly cookie only: no script of the page can read it.
    assert.doesNotMatch(await page.evaluate(() => document.cookie), /coord_refresh/);
    const cookies = await browser.cookies();
    assert.ok(cookies.some((c) => c.name === 'coord_refresh' && c.httpOnly && c.sameSite === 'Strict'));
  }

  it('a person invited by an admin opens the mailed link, chooses a password and is signed in', async () => {
    const admin = await token(stack.url, 'admin@coord.example', 'admin-password-2026');
    const person = await gql(
      stack.url,
      `mutation($input: PersonInput!) { createPerson(input: $input) { id } }`,
      { input: { fullName: 'Halima Invited', email: invitee.email } },
      admin,
    );
    await gql(
      stack.url,
      `mutation($id: ID!) { inviteUser(personId: $id) { id } }`,
      { id: person.createPerson.id },
      admin,
    );
    const link = await mailedLink(invitee.email, '/accept-invitation', 0);
    assert.ok(link.startsWith(`${stack.url}/accept-invitation?token=`), link);
    const { context, page } = await newPage();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    await checkAccessibility(page, 'accept invitation');
    await screenshot(page, 'accept-invitation');
    await setPassword(page, invitee.password);
    // The link is spent: opening it again says so.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(link);
    await page.getByLabel('Password', { exact: true }).fill('another long passphrase 12');
    await page.getByRole('button', { name: 'Save the password and sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /not valid/ })
      .waitFor();
    await context.close();
  });

  it('the invited person forgets the password, asks for a link on the sign-in page and sets a new one', async () => {
    const { context, page } = await newPage();
    await page.goto('/sign-in');
    await checkAccessibility(page, 'sign-in with forgot password');
    const before = mailCount(invitee.email, '/reset-password');
    const forgot = page.getByRole('region', { name: 'Forgot your password?' });
    await forgot.getByRole('textbox', { name: 'Email' }).fill(invitee.email);
    await forgot.getByRole('button', { name: 'Send the link' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /on its way/ })
      .waitFor();
    // An unknown address gets the same answer, and no mail.
    await forgot.getByRole('textbox', { name: 'Email' }).fill('nobody.here@demo.coord.example');
    await forgot.getByRole('button', { name: 'Send the link' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /on its way/ })
      .waitFor();
    const link = await mailedLink(invitee.email, '/reset-password', before);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await checkAccessibility(page, 'reset password');
    await screenshot(page, 'reset-password');
    await setPassword(page, 'saffron canal bicycle 73');
    await page.getByRole('button', { name: 'Sign out' }).click();
    assert.equal(mailCount('nobody.here@demo.coord.example', '/reset-password'), 0);
    await page.goto('/sign-in');
    await page.getByRole('textbox', { name: 'Email' }).first().fill(invitee.email);
    await page.getByLabel('Password', { exact: true }).fill('saffron canal bicycle 73');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await context.close();
  });

  it("saves the language and e-mail delivery on the account, and the interface follows the account's language", async () => {
    const { context, page } = await newPage();
    await signIn(page, 'mombasa.focal');
    await page.getByRole('link', { name: 'Preferences' }).click();
    await choose(page.getByRole('radiogroup', { name: 'E-mail notifications' }), 'A weekly digest');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await choose(page.getByRole('radiogroup', { name: 'Language' }), 'Français');
    await page.getByRole('heading', { level: 1, name: 'Préférences' }).waitFor();
    await checkAccessibility(page, 'preferences saved on the account');
    const focal = await token(stack.url, emailOf('mombasa.focal'), PEOPLE['mombasa.focal']);
    const me = await gql(stack.url, `{ me { locale emailDelivery } }`, {}, focal);
    assert.deepEqual(me.me, { locale: 'fr', emailDelivery: 'WEEKLY_DIGEST' });
    await context.close();
    // Another device (nothing remembered there) speaks French once this person signs in.
    const other = await newPage();
    await other.page.goto('/sign-in');
    await other.page.getByRole('textbox', { name: 'Email' }).first().fill(emailOf('mombasa.focal'));
    await other.page.getByLabel('Password', { exact: true }).fill(PEOPLE['mombasa.focal']);
    await other.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await other.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await other.context.close();
    // Back to English for the later steps that sign this person in.
    await gql(
      stack.url,
      `mutation { updateMyPreferences(input: { locale: "en", emailDelivery: IMMEDIATE }) { locale } }`,
      {},
      focal,
    );
  });

  it("a secretariat's week in the console: membership, a plenary, attendance, decision and action, minutes, the overdue list and its CSV", async () => {
    const { context, page } = await newPage();
    await signIn(page, 'secretariat');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bodies you coordinate' }).waitFor();
    await checkAccessibility(page, 'console: bodies tree');
    await screenshot(page, 'console-bodies');

    // Membership: the counter-trafficking TWG lacks a civil-society seat; a new member from Kituo cha Sheria fills it.
    await page.getByRole('link', { name: 'Technical Working Group on Counter-Trafficking (illustrative)' }).click();
    const sentence = page.getByTestId('composition-sentence');
    await sentence.filter({ hasText: '1 seat for Civil society' }).waitFor();
    await checkAccessibility(page, 'console: body');
    await screenshot(page, 'console-body');
    await page.getByRole('button', { name: 'Add a member' }).click();
    const form = page.getByRole('form', { name: 'Add a member' });
    await form.getByRole('radio', { name: 'Register a new person' }).check();
    await form.getByRole('textbox', { name: 'Full name' }).fill('Amina Wanjiru Odhiambo (e2e)');
    await form.getByRole('textbox', { name: 'Email' }).fill('amina.e2e@demo.coord.example');
    await form.getByRole('searchbox', { name: 'Search organizations by name' }).fill('Kituo');
    const org = form.getByRole('combobox', { name: 'Organization found' });
    await org.locator('option', { hasText: 'Kituo cha Sheria' }).waitFor({ state: 'attached' });
    await org.selectOption({ label: 'Kituo cha Sheria (demo) (Civil society)' });
    await checkAccessibility(page, 'console: add a member');
    await form.getByRole('button', { name: 'Add member' }).click();
    await form.getByRole('status').filter({ hasText: 'The member is added' }).waitFor();
    await sentence.filter({ hasText: 'Every seat required by the terms of reference is filled.' }).waitFor();
    await page.getByText('Amina Wanjiru Odhiambo (e2e)', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Invite Amina Wanjiru Odhiambo (e2e) to sign in' }).click();
    await page.getByRole('status').filter({ hasText: 'Invitation sent to amina.e2e@demo.coord.example.' }).waitFor();

    // A sub-body (created in the same console, then back to the TWG).
    await page.getByRole('button', { name: 'Create a sub-body' }).click();
    const sub = page.getByRole('form', { name: 'Create a sub-body' });
    await sub.getByRole('textbox', { name: 'Name' }).fill('Task force on victim support (e2e)');
    await sub.getByRole('combobox', { name: 'Kind' }).selectOption('TASK_FORCE');
    await sub.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: 'Task force on victim support (e2e)' }).waitFor();
    await page.getByRole('link', { name: 'Technical Working Group on Counter-Trafficking (illustrative)' }).click();
    await page.getByRole('link', { name: 'Task force on victim support (e2e)' }).waitFor();

    // A plenary that began half an hour ago: nobody has accepted yet, so quorum is at risk.
    await page.getByRole('button', { name: 'Schedule a meeting' }).click();
    const schedule = page.getByRole('form', { name: 'Schedule a meeting' });
    const [startsAt, endsAt] = await page.evaluate(() => {
      const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
      return [local(new Date(Date.now() - 30 * 60000)), local(new Date(Date.now() + 90 * 60000))];
    });
    await schedule.getByRole('textbox', { name: 'Title' }).fill('CTiP TWG plenary (e2e)');
    await schedule.getByRole('combobox', { name: 'Kind of meeting' }).selectOption('ORDINARY');
    await schedule.getByLabel('Starts').fill(startsAt);
    await schedule.getByLabel('Ends').fill(endsAt);
    await schedule.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'CTiP TWG plenary (e2e)' }).waitFor();
    await page.getByTestId('quorum').filter({ hasText: 'Quorum at risk' }).waitFor();
    await checkAccessibility(page, 'console: meeting');
    await screenshot(page, 'console-meeting');

    // The agenda: every new meeting starts with "Matters arising" (the API adds it); a second item is added, moved
    // up by keyboard, then back down.
    const agenda = page.getByRole('form', { name: 'Agenda' });
    assert.equal(await agenda.getByRole('textbox', { name: 'Item 1' }).inputValue(), 'Matters arising');
    await agenda.getByRole('button', { name: 'Add an item' }).click();
    await agenda.getByRole('textbox', { name: 'Item 2' }).fill('Referral pathways for survivors');
    await agenda.getByRole('spinbutton', { name: 'Minutes' }).nth(1).fill('45');
    await agenda.getByRole('button', { name: 'Move Referral pathways for survivors up' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await agenda.getByRole('textbox', { name: 'Item 1' }).inputValue(), 'Referral pathways for survivors');
    await agenda.getByRole('button', { name: 'Move Referral pathways for survivors down' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await agenda.getByRole('textbox', { name: 'Item 1' }).inputValue(), 'Matters arising');
    await agenda.getByRole('button', { name: 'Save the agenda' }).click();
    await agenda.getByRole('status').filter({ hasText: 'The agenda is saved.' }).waitFor();

    // On the day: attendance, then a decision and the action item it calls for, due yesterday (so overdue).
    const attendance = page.getByRole('form', { name: 'Attendance' });
    await attendance.getByRole('button', { name: 'Mark everyone present' }).click();
    await attendance.getByRole('button', { name: 'Save attendance' }).click();
    await attendance
      .getByRole('status')
      .filter({ hasText: 'Attendance is recorded' })
      .waitFor({ timeout: 10_000 })
      .catch(async (e) => {
        await screenshot(page, 'console-attendance-failed');
        throw new Error(`${e.message}\n${await attendance.innerText()}`);
      });
    await page.getByTestId('quorum').filter({ hasText: 'Quorum is met.' }).waitFor();
    const decision = page.getByRole('form', { name: 'Record a decision' });
    await decision
      .getByRole('textbox', { name: 'Decision' })
      .fill('The TWG adopts the national referral directory for survivors of trafficking.');
    await decision
      .getByRole('combobox', { name: 'Agenda item' })
      .selectOption({ label: '2. Referral pathways for survivors' });
    await decision.getByRole('textbox', { name: 'What must be done' }).fill('Publish the referral directory (e2e)');
    await decision.getByRole('combobox', { name: 'Owner' }).selectOption({ index: 1 });
    const yesterday = new Date(Date.now() - 86400_000).toISOString().slice(0, 10);
    await decision.getByLabel('Due on').fill(yesterday);
    await decision.getByRole('button', { name: 'Record the decision' }).click();
    await decision.getByRole('status').filter({ hasText: 'The decision and its action item are recorded.' }).waitFor();
    await page.getByRole('link', { name: 'Publish the referral directory (e2e)' }).waitFor();
    await correctDecisions(page, { checkAccessibility, screenshot });

    // Minutes: draft, circulate, adopt.
    const minutes = page.getByRole('form', { name: 'Minutes' });
    await minutes
      .getByRole('textbox', { name: 'Text of the minutes' })
      .fill('Present: all members. Decision 1 adopted.');
    await minutes.getByRole('button', { name: 'Save draft' }).click();
    // Each step shows only the next step's button: circulate once drafted, adopt once circulated.
    await minutes.getByRole('button', { name: 'Circulate to participants' }).click();
    await minutes.getByRole('button', { name: 'Adopt' }).click();
    await minutes.locator('.badge').filter({ hasText: 'Adopted' }).waitFor();
    await checkAccessibility(page, 'console: meeting held');
    await screenshot(page, 'console-meeting-held');

    // The national overdue list finds the item; its CSV has it.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Actions' }).click();
    await page.getByRole('heading', { level: 1, name: 'National action list' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Publish the referral directory (e2e)' });
    await row.waitFor();
    assert.match(await row.innerText(), /overdue/);
    await checkAccessibility(page, 'console: actions');
    await screenshot(page, 'console-actions');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r\n/);
    assert.match(lines[0], /^id,title,body,county,owner,organization,sector,status,due_on,overdue/);
    const mine = lines.find((l) => l.includes('Publish the referral directory (e2e)'));
    assert.ok(mine, 'the CSV has the new item');
    assert.match(mine!, new RegExp(`,OPEN,${yesterday},yes,0,`));
    assert.equal(lines.length - 1, await page.locator('tbody tr').count(), 'one CSV row per listed item');
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Publish the referral directory (e2e)' }).waitFor();
    ids.action = page.url().split('/').pop()!;
    await checkAccessibility(page, 'console: action item');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page
      .getByRole('combobox', { name: 'Body' })
      .selectOption({ label: 'Technical Working Group on Counter-Trafficking (illustrative)' });
    await page.getByRole('row').filter({ hasText: 'Kituo cha Sheria' }).waitFor();
    await checkAccessibility(page, 'console: reports');
    await screenshot(page, 'console-reports');
    await bodiesAndMeetings(page, { checkAccessibility, screenshot });
    await accountabilitySteps(page, { stack, checkAccessibility, screenshot });
    await reportingSteps(page, { stack, checkAccessibility, screenshot });

    // At 360 px: the meeting page (attendance on a phone) fits.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goBack();
    await page.goto(page.url().replace(/\/console\/.*/, '/console/actions'));
    await page.getByRole('heading', { level: 1, name: 'National action list' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the action list is ${overflow}px wider than the screen`);
    await screenshot(page, 'console-actions-360');
    await context.close();
  });

  it('the console at 360 px, for an admin (audit log, failed jobs); a focal point never sees it', async () => {
    const { context, page } = await newPage({ width: 360, height: 780 });
    await page.goto('/sign-in');
    // The first Email field: the sign-in page also has the forgot-password form's.
    await page.getByRole('textbox', { name: 'Email' }).first().fill('admin@coord.example');
    await page.getByLabel('Password', { exact: true }).fill('admin-password-2026');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.goto(`/console/bodies/${ids.privateTwg}`);
    await page.getByTestId('composition-sentence').waitFor();
    let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the body console is ${overflow}px wider than the screen`);
    await screenshot(page, 'console-body-360');
    const meetingLink = page.getByRole('link', { name: 'CTiP TWG plenary (e2e)' });
    await meetingLink.click();
    await page.getByRole('form', { name: 'Attendance' }).waitFor();
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = await page.evaluate(() =>
      // What is too wide, deepest first: named in the failure message.
      Array.from(document.querySelectorAll('main *'))
        .filter((el) => el.getBoundingClientRect().width > window.innerWidth)
        .filter((el) => !Array.from(el.children).some((c) => c.getBoundingClientRect().width > window.innerWidth))
        .slice(0, 8)
        .map(
          (el) =>
            `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().width)} ${el.textContent?.slice(0, 40)}`,
        ),
    );
    await screenshot(page, 'console-meeting-360');
    assert.ok(overflow <= 0, `the meeting console is ${overflow}px wider than the screen: ${wide.join(', ')}`);
    await checkAccessibility(page, 'console: meeting at 360 px');
    await screenshot(page, 'console-meeting-360');
    await page.goto(`/console/audit/ActionItem/${ids.action}`);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('columnheader', { name: 'Before' }).first().waitFor();
    await checkAccessibility(page, 'console: audit');
    await screenshot(page, 'console-audit');
    await page.goto('/console/admin');
    await page.getByRole('heading', { level: 2, name: 'Failed reminder jobs' }).waitFor();
    await page.getByRole('button', { name: 'Deactivate amina.e2e@demo.coord.example' }).waitFor();
    await checkAccessibility(page, 'console: admin');
    await adminRetrySteps(page, { stack, checkAccessibility, screenshot });
    await context.close();

    const focal = await newPage();
    await signIn(focal.page, 'mombasa.focal');
    await focal.page.getByRole('link', { name: 'My meetings' }).waitFor();
    assert.equal(await focal.page.getByRole('link', { name: 'Console' }).count(), 0);
    await focal.page.goto('/console');
    await focal.page.getByText('The console is for the chair').waitFor();
    await focal.context.close();
  });

  it('broke no Content Security Policy rule and threw no error on any page', () => {
    assert.deepEqual(problems, []);
  });
});
