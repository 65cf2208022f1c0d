/**
 * The web client end to end, in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core), against
 * its own stack (stack.ts) with the demo data. Steps read as a user's: find by role and accessible name.
 * Run: npm run test:e2e (npm test runs it too). Screenshots of every page go to apps/web/e2e/screenshots/.
 * The tests run in the order below; the longer ones are step modules (steps-*.ts), the browser and the helpers
 * every step uses are in browser.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  browserContext,
  checkAccessibility,
  choose,
  closeBrowser,
  emailOf,
  launchBrowser,
  newPage,
  openBody,
  PEOPLE,
  prepareBrowser,
  problems,
  removeProfile,
  screenshot,
  signIn,
  trailItemId,
} from './browser';
import { gql, Stack, startStack, token } from './stack';
import { arabicRightToLeft } from './steps-18w';
import { acceptInvitation, preferencesOnTheAccount, resetForgottenPassword } from './steps-accounts';
import { adminConsoleAt360, secretariatWeek } from './steps-console';

let stack: Stack;
const ids: { mombasa: string; privateTwg: string; meeting: string; action: string } = {
  mombasa: '',
  privateTwg: '',
  meeting: '',
  action: '',
};

before(async () => {
  prepareBrowser();
  stack = await startStack();
  await launchBrowser(stack.url);
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
  await closeBrowser();
  await stack?.stop();
  removeProfile();
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
    await browserContext().clearCookies();
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

  it('a person invited by an admin opens the mailed link, chooses a password and is signed in', () =>
    acceptInvitation(stack));

  it('the invited person forgets the password, asks for a link on the sign-in page and sets a new one', () =>
    resetForgottenPassword(stack));

  it("saves the language and e-mail delivery on the account, and the interface follows the account's language", () =>
    preferencesOnTheAccount(stack));

  it("a secretariat's week in the console: membership, a plenary, attendance, decision and action, minutes, the overdue list and its CSV", () =>
    secretariatWeek(stack, ids));

  it('the console at 360 px, for an admin (audit log, failed jobs); a focal point never sees it', () =>
    adminConsoleAt360(stack, ids));

  it('broke no Content Security Policy rule and threw no error on any page', () => {
    assert.deepEqual(problems, []);
  });
});
