/**
 * The console, called from web.e2e.ts: a secretariat's week (a member added and invited, a sub-body, a plenary with
 * its agenda, attendance, a decision and its action item, minutes adopted, the overdue list and its CSV, reports,
 * then the steps of steps-20a.ts and steps-20b.ts), and the console at 360 px for an admin, which a focal point
 * never sees.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { checkAccessibility, newPage, screenshot, signIn } from './browser';
import type { Stack } from './stack';
import { bodiesAndMeetings, correctDecisions } from './steps-20a';
import { accountabilitySteps, adminRetrySteps, reportingSteps } from './steps-20b';

/**
 * A secretariat's week in the console: membership, a plenary, attendance, decision and action, minutes, the overdue
 * list and its CSV. Sets `ids.action` to the new action item's id (the admin's audit log step reads it).
 */
export async function secretariatWeek(stack: Stack, ids: { action: string }) {
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
  await minutes.getByRole('textbox', { name: 'Text of the minutes' }).fill('Present: all members. Decision 1 adopted.');
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
}

/** The console at 360 px, for an admin (audit log, failed jobs); a focal point never sees it. */
export async function adminConsoleAt360(stack: Stack, ids: { privateTwg: string; action: string }) {
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
}
