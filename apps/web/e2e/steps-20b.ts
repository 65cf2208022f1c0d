/**
 * Steps of the console's accountability and administration screens (issue 20, part b), called from web.e2e.ts:
 * the national list filtered by sector and paged, an item's evidence, assessment and following, reporting cycles,
 * participation per sector, outreach reach, translations, and an admin's retry of a failed reminder job.
 */
import assert from 'node:assert/strict';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import type { Stack } from './stack';

export interface StepTools {
  stack: Stack;
  checkAccessibility: (page: Page, name: string) => Promise<void>;
  screenshot: (page: Page, name: string) => Promise<void>;
}

const NCM = 'National Coordination Mechanism on Migration (illustrative demo)';

/** SQL on the stack's own database (setup only: the steps themselves go through the browser). */
async function sql<T = any>(stack: Stack, text: string, params: unknown[] = []): Promise<T[]> {
  const admin = process.env.E2E_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = new Client({ connectionString: admin.replace(/\/[^/]*$/, `/${stack.databaseName}`) });
  await db.connect();
  try {
    return (await db.query(text, params)).rows as T[];
  } finally {
    await db.end();
  }
}

const overflowOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** As the NCM secretariat (signed in on `page`): the list by sector and its pages, then an item's panels. */
export async function accountabilitySteps(page: Page, { stack, checkAccessibility, screenshot }: StepTools) {
  // More civil-society commitments than a page holds.
  await sql(
    stack,
    `INSERT INTO action_items (body_id, title, is_commitment, owner_organization_id, due_on, status, progress_percent)
     SELECT (SELECT id FROM coordination_bodies WHERE name = $1),
            'E2E civil-society pledge ' || lpad(g::text, 2, '0'), true,
            (SELECT id FROM organizations WHERE sector = 'CIVIL_SOCIETY' ORDER BY name LIMIT 1),
            current_date + 30 + g, 'OPEN', 0
     FROM generate_series(1, 55) g`,
    [NCM],
  );
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Actions' }).click();
  await page.getByRole('heading', { level: 1, name: 'National action list' }).waitFor();
  // The box reflects the address: it changes once the router has it, not at the click.
  await page.getByRole('checkbox', { name: 'Overdue only' }).click();
  await page.getByRole('checkbox', { name: 'Overdue only', checked: false }).waitFor();
  await page.getByRole('combobox', { name: 'Owner’s sector' }).selectOption('CIVIL_SOCIETY');
  const shown = page.getByRole('status').filter({ hasText: /^50 items shown of \d+$/ });
  await shown.waitFor();
  const total = Number((await shown.innerText()).match(/of (\d+)/)![1]);
  assert.ok(total >= 55, `the civil-society list has the 55 pledges (${total})`);
  assert.equal(await page.locator('tbody tr').count(), 50);
  assert.match(page.url(), /sector=CIVIL_SOCIETY/);
  await checkAccessibility(page, 'console: actions by sector');
  await page.getByRole('button', { name: /^Show \d+ more items?$/ }).click();
  await page.waitForFunction((n) => document.querySelectorAll('tbody tr').length > n, 50);
  assert.equal(await page.locator('tbody tr').count(), Math.min(total, 100));
  // Every row is owned by a civil-society organization (the API filtered, not the page).
  const owners = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
  assert.ok(owners.every((o) => o !== '—'));

  await page.getByRole('link', { name: 'E2E civil-society pledge 01' }).click();
  await page.getByRole('heading', { level: 1, name: 'E2E civil-society pledge 01' }).waitFor();
  const evidence = page.getByRole('form', { name: 'Add evidence' });
  await evidence.getByRole('textbox', { name: 'Link to the evidence' }).fill('not a link');
  await evidence.getByRole('textbox', { name: 'What the evidence shows' }).fill('The county gazette notice (e2e)');
  await evidence.getByRole('button', { name: 'Add evidence' }).click();
  await evidence.getByText('The link must start with http:// or https://').waitFor();
  await evidence
    .getByRole('textbox', { name: 'Link to the evidence' })
    .fill('https://www.example.go.ke/e2e-gazette.pdf');
  await evidence.getByRole('button', { name: 'Add evidence' }).click();
  await evidence.getByRole('status').filter({ hasText: 'The evidence is in the trail.' }).waitFor();
  await page.getByRole('link', { name: 'https://www.example.go.ke/e2e-gazette.pdf' }).waitFor();

  const assess = page.getByRole('form', { name: 'Assess the commitment' });
  await assess.getByRole('combobox', { name: 'Completion' }).selectOption({ label: 'Limited progress' });
  await assess.getByRole('textbox', { name: 'What the assessment rests on' }).fill('Gazette notice seen (e2e)');
  await assess.getByRole('button', { name: 'Record the assessment' }).click();
  await assess.getByRole('status').filter({ hasText: 'The assessment is recorded.' }).waitFor();
  await page.getByText('Latest assessment: Limited progress.').waitFor();
  await page.getByRole('button', { name: 'Follow this item' }).click();
  await page.getByRole('button', { name: 'Stop following' }).waitFor();
  await checkAccessibility(page, 'console: item with evidence and assessment');
  await screenshot(page, 'console-item-panels');
}

/** As the NCM secretariat: participation per sector, a reporting cycle's missing reports, a new cycle, reach. */
export async function reportingSteps(page: Page, { checkAccessibility, screenshot }: StepTools) {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  await page.getByRole('combobox', { name: 'Body' }).first().selectOption({ label: NCM });
  await page.getByRole('heading', { level: 2, name: 'Participation per sector' }).waitFor();
  await page.getByText(/^(Civil society attended|No civil-society organization)/).waitFor();

  // The demo's cycle: the reports not yet in are listed under "Reports missing".
  await page.getByRole('heading', { level: 4, name: 'Reports missing' }).waitFor();
  const missing = await page.getByRole('combobox', { name: 'Reporting cycle' }).locator('option').first().innerText();
  assert.match(missing, /report(s)? missing/);

  const open = page.getByRole('form', { name: 'Open a reporting cycle' });
  await open.getByRole('button', { name: 'Open the cycle' }).click();
  await open.getByText('Give the cycle a title.').waitFor();
  await open.getByRole('textbox', { name: 'Title' }).fill('County reports, e2e round');
  await open.getByLabel('Period from').fill('2026-07-01');
  await open.getByLabel('Period to').fill('2026-12-31');
  await open.getByLabel('Reports due on').fill('2027-01-31');
  await open.getByRole('button', { name: 'Open the cycle' }).click();
  await page.getByRole('heading', { level: 3, name: 'County reports, e2e round' }).waitFor();
  const units = await page.locator('#cycle-title ~ ul').first().locator('li').count();
  assert.ok(units >= 2, 'every county unit owes a report');
  await page
    .locator('.badge')
    .filter({ hasText: `${units} reports missing` })
    .waitFor();

  const reach = page.getByRole('table', { name: 'Outreach reach' });
  await reach.waitFor();
  assert.ok((await reach.locator('tbody tr').count()) >= 1, 'the demo outreach reach is shown');
  await page.getByRole('combobox', { name: 'People reached by' }).selectOption({ label: 'Age band' });
  await reach.getByRole('columnheader', { name: 'Age band' }).waitFor();
  await checkAccessibility(page, 'console: reports with cycles and reach');
  await screenshot(page, 'console-reports-cycles');

  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Translations' }).click();
  await page.getByRole('heading', { level: 1, name: 'Translations of the bodies' }).waitFor();
  await page.getByRole('combobox', { name: 'Language of the translation' }).selectOption('fr');
  await page.getByRole('textbox', { name: 'Name in French' }).fill('Mécanisme national de coordination (e2e)');
  await page.getByRole('button', { name: 'Save the translation' }).click();
  await page.getByRole('status').filter({ hasText: 'The translation is saved.' }).waitFor();
  await checkAccessibility(page, 'console: translations');
}

/** As an admin at 360 px: a reminder job whose kind has no handler fails; the admin retries it. */
export async function adminRetrySteps(page: Page, { stack, checkAccessibility, screenshot }: StepTools) {
  await sql(
    stack,
    `INSERT INTO reminder_intents (kind, subject_type, subject_id, due_at, dedupe_key, payload)
     VALUES ('E2E_NO_HANDLER', 'E2E', gen_random_uuid(), now(), 'e2e:no-handler', '{}')`,
  );
  await page.goto('/console/admin');
  const retry = page.getByRole('button', { name: /^Retry job / }).first();
  for (let i = 0; i < 30 && !(await retry.isVisible()); i++) {
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Failed reminder jobs' }).waitFor();
  }
  assert.equal(
    await page.getByRole('link', { name: /Open the queue dashboard/ }).getAttribute('href'),
    '/admin/queues',
  );
  await retry.click();
  await page
    .getByRole('status')
    .filter({ hasText: /1 job put back in the queue\./ })
    .waitFor();
  const [audited] = await sql(stack, `SELECT count(*)::int AS n FROM audit_events WHERE action = 'reminderJob.retry'`);
  assert.equal(audited.n, 1);
  const wide = await page.evaluate(() =>
    Array.from(document.querySelectorAll('main *'))
      .filter((el) => el.getBoundingClientRect().width > window.innerWidth)
      .filter((el) => !Array.from(el.children).some((c) => c.getBoundingClientRect().width > window.innerWidth))
      .slice(0, 5)
      .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().width)}`),
  );
  assert.ok((await overflowOf(page)) <= 0, `the admin page fits 360 px: ${wide.join(', ')}`);
  await checkAccessibility(page, 'console: admin after a retry');
  await screenshot(page, 'console-admin-retry-360');
}
