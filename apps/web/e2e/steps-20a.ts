/**
 * Console steps for bodies and meetings (issue 20, part a), called from web.e2e.ts inside the secretariat's week:
 * correcting decisions on the plenary's page before its minutes are adopted, then on the TWG's page: editing the
 * body, drafting terms of reference and reading the diff, adopting them at the plenary, scheduling and ending a
 * series, the calendar (keyboard, and as a list at 360 px), naming an alternate.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export interface StepHelpers {
  checkAccessibility(page: Page, name: string): Promise<void>;
  screenshot(page: Page, name: string): Promise<void>;
}

const TWG = 'Technical Working Group on Counter-Trafficking (illustrative)';
const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

/** On the plenary's console page, after its first decision: the decision corrected, a second one withdrawn. */
export async function correctDecisions(page: Page, { checkAccessibility }: StepHelpers) {
  await page
    .getByTestId('matters-arising')
    .getByRole('heading', { name: /Matters arising/ })
    .waitFor();
  await page.getByRole('button', { name: 'Correct decision 1' }).click();
  const correct = page.getByRole('form', { name: 'Correct the decision' });
  await correct
    .getByRole('textbox', { name: 'Corrected text' })
    .fill('The TWG adopts the national referral directory for survivors of trafficking, as amended.');
  await checkAccessibility(page, 'console: correct a decision');
  await correct.getByRole('button', { name: 'Save the correction' }).click();
  await page
    .getByText('The TWG adopts the national referral directory for survivors of trafficking, as amended.')
    .waitFor();

  const decision = page.getByRole('form', { name: 'Record a decision' });
  await decision
    .getByRole('textbox', { name: 'Decision' })
    .fill('The TWG meets weekly until the directory is out (e2e).');
  await decision.getByRole('checkbox', { name: 'Raise an action item from this decision' }).uncheck();
  await decision.getByRole('button', { name: 'Record the decision' }).click();
  await decision.getByRole('status').filter({ hasText: 'The decision is recorded.' }).waitFor();
  await page.getByRole('button', { name: 'Withdraw decision 2' }).click();
  const withdraw = page.getByRole('form', { name: 'Withdraw the decision' });
  // The API's rule, checked in the form: a withdrawal needs a reason, shown next to the field.
  await withdraw.getByRole('button', { name: 'Withdraw', exact: true }).click();
  await withdraw.getByText('Say why the decision is withdrawn.').waitFor();
  await withdraw.getByRole('textbox', { name: 'Why it is withdrawn' }).fill('Recorded twice by mistake (e2e).');
  await withdraw.getByRole('button', { name: 'Withdraw', exact: true }).click();
  await page.getByText(/Withdrawn on .*: Recorded twice by mistake \(e2e\)\./).waitFor();
}

/** On the TWG's console page: profile, terms of reference, a series and the calendar, an alternate. */
export async function bodiesAndMeetings(page: Page, { checkAccessibility, screenshot }: StepHelpers) {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Bodies' }).click();
  await page.getByRole('link', { name: TWG }).click();
  await page.getByRole('heading', { level: 1, name: TWG }).waitFor();

  // Edit the body: only the changed field goes to the API.
  await page.getByRole('button', { name: 'Edit the body' }).click();
  const edit = page.getByRole('form', { name: 'Edit the body' });
  await edit.getByRole('textbox', { name: 'Description' }).fill('Coordinates the response to trafficking (e2e).');
  await checkAccessibility(page, 'console: edit a body');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && (r.postData() ?? '').includes('ConsoleUpdateBody')),
    edit.getByRole('button', { name: 'Save the changes' }).click(),
  ]);
  assert.deepEqual(request.postDataJSON().variables.input, {
    description: 'Coordinates the response to trafficking (e2e).',
  });
  await edit.getByRole('status').filter({ hasText: 'The body is updated.' }).waitFor();
  await page.getByRole('button', { name: 'Edit the body' }).click();

  // Terms of reference: a draft with one more objective and a higher quorum, its diff, adoption at the plenary.
  await page.getByRole('button', { name: /Draft new terms of reference|Write a new draft/ }).click();
  const draft = page.getByRole('form', { name: 'Draft terms of reference' });
  const objectives = draft.getByRole('textbox', { name: 'Objectives' });
  await objectives.fill(`${await objectives.inputValue()}\nPublish a yearly report on referrals (e2e)`);
  await draft.getByRole('spinbutton', { name: 'Quorum (% of voting members)' }).fill('75');
  await draft.getByRole('button', { name: 'Save the draft' }).click();
  const diff = page.getByTestId('tor-diff');
  await diff.locator('ins', { hasText: 'Publish a yearly report on referrals (e2e)' }).waitFor();
  await diff.locator('ins', { hasText: '75' }).waitFor();
  assert.ok((await diff.locator('del').count()) > 0, 'the diff shows the old quorum removed');
  await checkAccessibility(page, 'console: terms of reference diff');
  await screenshot(page, 'console-tor-diff');
  const adopt = page.getByRole('form', { name: /^Adopt version \d+$/ });
  const atMeeting = adopt.getByRole('combobox', { name: 'At the meeting' });
  const plenary = await atMeeting.locator('option', { hasText: 'CTiP TWG plenary (e2e)' }).getAttribute('value');
  await atMeeting.selectOption(plenary!);
  await adopt.getByRole('button', { name: /^Adopt version \d+$/ }).click();
  await page.getByText(/Version \d+, adopted/).waitFor();
  await page.getByTestId('tor-diff').waitFor({ state: 'detached' });

  // A monthly series from next week to three months on; it shows in the calendar.
  await page.getByRole('button', { name: 'Schedule a series' }).click();
  const series = page.getByRole('form', { name: 'Schedule a series' });
  await series.getByRole('textbox', { name: 'Title' }).fill('CTiP TWG monthly (e2e)');
  await series.getByRole('combobox', { name: 'Repeats' }).selectOption('MONTHLY');
  await series.getByLabel('First day').fill(day(7));
  await series.getByLabel('Last day').fill(day(-1));
  await series.getByRole('button', { name: 'Schedule the series' }).click();
  await series.getByText('The last day cannot be before the first.').waitFor();
  await series.getByLabel('Last day').fill(day(100));
  await checkAccessibility(page, 'console: schedule a series');
  await series.getByRole('button', { name: 'Schedule the series' }).click();
  await series.getByRole('status').filter({ hasText: 'The series “CTiP TWG monthly (e2e)” is scheduled' }).waitFor();

  await page.getByRole('button', { name: 'As a calendar' }).click();
  const first = day(7);
  const grid = page.getByRole('grid');
  await grid.waitFor();
  if (first.slice(0, 7) !== new Date().toISOString().slice(0, 7)) {
    await page.getByRole('button', { name: 'Next month' }).click();
  }
  const cell = grid.locator(`[data-date="${first}"]`);
  await cell.getByRole('link', { name: 'CTiP TWG monthly (e2e)' }).waitFor();
  // By keyboard: the grid has one tab stop; the arrows move it.
  await grid.locator('[tabindex="0"][data-date]').focus();
  const before = await page.evaluate(() => document.activeElement?.getAttribute('data-date'));
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((b) => document.activeElement?.getAttribute('data-date') !== b, before);
  const after = await page.evaluate(() => document.activeElement?.getAttribute('data-date'));
  assert.equal(new Date(`${after}T00:00:00Z`).getTime() - new Date(`${before}T00:00:00Z`).getTime(), 7 * 86400_000);
  await checkAccessibility(page, 'console: calendar');
  await screenshot(page, 'console-calendar');

  // At 360 px the month reads as a list.
  await page.setViewportSize({ width: 360, height: 780 });
  await grid.waitFor({ state: 'hidden' });
  await page.getByRole('link', { name: 'CTiP TWG monthly (e2e)' }).filter({ visible: true }).first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the body console is ${overflow}px wider than the screen with the calendar`);
  await page.locator('.calendar').screenshot({ path: `${__dirname}/screenshots/console-calendar-360.png` });
  await checkAccessibility(page, 'console: calendar at 360 px');
  await page.setViewportSize({ width: 1200, height: 900 });

  // End the series after its first meeting.
  await page.getByRole('button', { name: 'End the series CTiP TWG monthly (e2e)' }).click();
  const end = page.getByRole('form', { name: 'End the series CTiP TWG monthly (e2e)' });
  await end.getByLabel('Cancel meetings from').fill(day(20));
  await end.getByRole('button', { name: 'End the series' }).click();
  await end.waitFor({ state: 'detached' });

  // An alternate for the civil-society member added earlier this week.
  await page.getByRole('button', { name: 'Name an alternate for Amina Wanjiru Odhiambo (e2e)' }).click();
  const alternate = page.getByRole('form', { name: 'Name an alternate for Amina Wanjiru Odhiambo (e2e)' });
  await alternate.getByRole('searchbox', { name: 'Search people by name' }).fill('Omar Bakari');
  const person = alternate.getByRole('combobox', { name: 'Person found' });
  const omar = person.locator('option', { hasText: 'Omar Bakari Mohamed' });
  await omar.waitFor({ state: 'attached' });
  await person.selectOption((await omar.getAttribute('value'))!);
  await checkAccessibility(page, 'console: name an alternate');
  await alternate.getByRole('button', { name: 'Name the alternate' }).click();
  await alternate
    .getByRole('status')
    .filter({ hasText: 'The alternate for Amina Wanjiru Odhiambo (e2e) is named.' })
    .waitFor();
  await page
    .getByRole('listitem')
    .filter({ hasText: 'Omar Bakari Mohamed' })
    .filter({ hasText: 'Alternate · alternate for Amina Wanjiru Odhiambo (e2e)' })
    .waitFor();

  // Back where the week left off: the reports page.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
}
