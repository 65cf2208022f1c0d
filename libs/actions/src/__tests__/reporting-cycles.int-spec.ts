import { formatDay, ReminderHandlerRegistry } from '@coord/core';
import { MemberRole, StakeholderSector } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { CREATE, dayIn, RegistryFixture } from './fixtures';

const OPEN = `mutation($input: ReportingCycleInput!) { openReportingCycle(input: $input) {
  id title dueOn missing body { id } reports { id status body { id name } } } }`;
const SAVE = `mutation($id: ID!, $input: PeriodicReportInput!) { saveReport(id: $id, input: $input) { id status rating narrative } }`;
const SUBMIT = `mutation($id: ID!) { submitReport(id: $id) { id status submittedAt submittedBy { id }
  progress { key label total done averageProgressPercent } } }`;
const REVIEW = `mutation($id: ID!, $accept: Boolean!, $note: String) { reviewReport(id: $id, accept: $accept, note: $note) {
  id status reviewNote } }`;
const CYCLE = `query($id: ID!) { reportingCycle(id: $id) { id title missing reports { status rating narrative submittedBy { id }
  body { name } progress { key total } } } }`;

type Who = { person: { id: string }; token: string };

/** Reporting cycles: who opens, writes, submits and reviews; the frozen progress; the reminders and the chase list. */
describe('reporting cycles', () => {
  let t: TestApp;
  let f: RegistryFixture;
  let secretariat: Who;
  let member: Who;
  let mombasaSecretariat: Who;
  let mombasaFocal: Who;
  let mombasaMember: Who;
  let kisumuSecretariat: Who;
  const ids: Record<string, string> = {};
  let cycle: { id: string; reports: Array<{ id: string; status: string; body: { id: string; name: string } }> };
  const reportOf = (name: string) => cycle.reports.find((r) => r.body.name === name)!.id;
  const due = dayIn('Africa/Nairobi', 20);

  const handler = () => t.app.get(ReminderHandlerRegistry).handlerFor('REPORT_DUE')!;
  const intentsOf = (subjectId: string) =>
    t.dataSource.query(
      `SELECT id, kind, subject_type, subject_id, due_at, status, payload, dedupe_key FROM reminder_intents WHERE subject_id = $1 ORDER BY dedupe_key`,
      [subjectId],
    );
  const deliver = async (intent: {
    id: string;
    kind: string;
    subject_type: string;
    subject_id: string;
    payload: Record<string, unknown>;
  }) =>
    handler().messagesFor(
      {
        id: intent.id,
        kind: intent.kind,
        subjectType: intent.subject_type,
        subjectId: intent.subject_id,
        dueAt: new Date(),
        payload: intent.payload,
      },
      t.dataSource.manager,
    );

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixture(t);
    const ministry = await f.organization('Ministry of Interior');
    const county = await f.organization('County Government of Mombasa', StakeholderSector.SUBNATIONAL_GOVERNMENT);
    const ncm = await f.body('NCM', { isPublic: true });
    const mombasa = await f.body('Mombasa county unit', { parentId: ncm.id, isPublic: true });
    const kisumu = await f.body('Kisumu county unit', { parentId: ncm.id, isPublic: false });
    const turkana = await f.body('Turkana county unit', { parentId: ncm.id, isPublic: false });
    Object.assign(ids, {
      ministry: ministry.id,
      county: county.id,
      ncm: ncm.id,
      mombasa: mombasa.id,
      kisumu: kisumu.id,
      turkana: turkana.id,
    });
    secretariat = await f.signedInPerson('NCM secretariat', ministry.id, {
      bodyId: ncm.id,
      role: MemberRole.SECRETARIAT,
    });
    member = await f.signedInPerson('NCM member', ministry.id, { bodyId: ncm.id, role: MemberRole.MEMBER });
    mombasaSecretariat = await f.signedInPerson('Mombasa secretariat', county.id, {
      bodyId: mombasa.id,
      role: MemberRole.SECRETARIAT,
    });
    mombasaFocal = await f.signedInPerson('Mombasa focal', county.id, {
      bodyId: mombasa.id,
      role: MemberRole.FOCAL_POINT,
    });
    mombasaMember = await f.signedInPerson('Mombasa member', county.id, {
      bodyId: mombasa.id,
      role: MemberRole.MEMBER,
    });
    kisumuSecretariat = await f.signedInPerson('Kisumu secretariat', county.id, {
      bodyId: kisumu.id,
      role: MemberRole.SECRETARIAT,
    });
  });
  afterAll(() => t.close());

  it('lets the body’s managers open a cycle for the bodies directly beneath it, audited, with reminders', async () => {
    const input = {
      bodyId: ids.ncm,
      title: 'County reports H1',
      periodFrom: '2026-01-01',
      periodTo: '2026-06-30',
      dueOn: due,
    };
    expectError(await t.gql(OPEN, { input }, member.token), 'FORBIDDEN');
    expectError(await t.gql(OPEN, { input }, mombasaSecretariat.token), 'FORBIDDEN');
    const res = await t.gql(OPEN, { input }, secretariat.token);
    expect(res.errors).toBeUndefined();
    cycle = res.data.openReportingCycle;
    expect(cycle.reports.map((r) => [r.body.name, r.status])).toEqual([
      ['Kisumu county unit', 'NOT_STARTED'],
      ['Mombasa county unit', 'NOT_STARTED'],
      ['Turkana county unit', 'NOT_STARTED'],
    ]);
    expect(res.data.openReportingCycle.missing).toBe(3);
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [cycle.id]);
    expect(audit).toEqual([{ action: 'reportingCycle.open' }]);
    const kinds = (await intentsOf(reportOf('Mombasa county unit'))).map((i: { kind: string; dedupe_key: string }) =>
      i.dedupe_key.split(':').slice(2).join(':'),
    );
    expect(kinds).toEqual(['due:P1D', 'due:P7D', 'overdue']);
    const p7d = (await intentsOf(reportOf('Mombasa county unit'))).find((i: { dedupe_key: string }) =>
      i.dedupe_key.endsWith('P7D'),
    );
    expect(new Date(p7d.due_at).toISOString()).toBe(`${dayIn('Africa/Nairobi', 13)}T06:00:00.000Z`);
    expect((await intentsOf(cycle.id)).map((i: { kind: string }) => i.kind)).toEqual(['REPORTS_MISSING']);
  });

  it('refuses a bad period, a body not beneath, and writes nothing', async () => {
    const count = async () => Number((await t.dataSource.query(`SELECT count(*) FROM reporting_cycles`))[0].count);
    const before = await count();
    const base = { bodyId: ids.ncm, title: 'x', periodFrom: '2026-07-01', periodTo: '2026-12-31', dueOn: '2027-01-15' };
    expectError(
      await t.gql(OPEN, { input: { ...base, periodTo: '2026-06-01' } }, secretariat.token),
      'BAD_USER_INPUT',
      /periodTo/,
    );
    const stray = await t.gql(
      OPEN,
      { input: { ...base, reportingBodyIds: [ids.mombasa, ids.ncm] } },
      secretariat.token,
    );
    expect(expectError(stray, 'BAD_USER_INPUT', /not a body beneath/).extensions?.field).toBe(
      'input.reportingBodyIds[1]',
    );
    expect(await count()).toBe(before);
  });

  it('reminds the reporting body’s secretariat and focal points, not its other members', async () => {
    const [intent] = await intentsOf(reportOf('Mombasa county unit'));
    const messages = await deliver(intent);
    expect(messages.map((m) => m.personId).sort()).toEqual(
      [mombasaSecretariat.person.id, mombasaFocal.person.id].sort(),
    );
    expect(messages[0]).toMatchObject({
      kind: 'REPORT_DUE',
      title: `Report due ${formatDay('en', due)}: County reports H1`,
      linkPath: `/reporting-cycles/${cycle.id}`,
    });
    expect(messages.map((m) => m.personId)).not.toContain(mombasaMember.person.id);
  });

  it('lets the focal point draft and submit; the reminders stop; progress is frozen', async () => {
    const report = reportOf('Mombasa county unit');
    expectError(await t.gql(SAVE, { id: report, input: { rating: 'AT_RISK' } }, mombasaMember.token), 'FORBIDDEN');
    expectError(await t.gql(SAVE, { id: report, input: { rating: 'AT_RISK' } }, kisumuSecretariat.token), 'FORBIDDEN');
    expectError(await t.gql(SUBMIT, { id: report }, mombasaFocal.token), 'BAD_USER_INPUT', /rating/);
    const saved = await t.gql(
      SAVE,
      { id: report, input: { rating: 'AT_RISK', narrative: 'Job centre delayed' } },
      mombasaFocal.token,
    );
    expect(saved.data.saveReport).toMatchObject({
      status: 'DRAFT',
      rating: 'AT_RISK',
      narrative: 'Job centre delayed',
    });
    // Only the fields given change.
    const kept = await t.gql(
      SAVE,
      { id: report, input: { narrative: 'Job centre delayed by funds' } },
      mombasaFocal.token,
    );
    expect(kept.data.saveReport.rating).toBe('AT_RISK');

    const chair = (await t.signIn()).token;
    const made = await t.gql(
      CREATE,
      {
        input: {
          bodyId: ids.mombasa,
          title: 'Open a migrant resource centre',
          isCommitment: true,
          ownerOrganizationId: ids.county,
        },
      },
      chair,
    );
    const itemId = made.data.createActionItem.id;
    // Pledged during the period (commitments made after its end are not in the period's report).
    await t.dataSource.query(`UPDATE action_items SET created_at = '2026-03-01' WHERE id = $1`, [itemId]);
    const late = await t.gql(
      CREATE,
      {
        input: {
          bodyId: ids.mombasa,
          title: 'Made after the period',
          isCommitment: true,
          ownerOrganizationId: ids.county,
        },
      },
      chair,
    );
    expect(late.errors).toBeUndefined();
    await t.gql(
      `mutation($id: ID!) { reportProgress(id: $id, input: { note: "Site found", progressPercent: 40 }) { id } }`,
      { id: itemId },
      chair,
    );

    const submitted = await t.gql(SUBMIT, { id: report }, mombasaFocal.token);
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitReport).toMatchObject({
      status: 'SUBMITTED',
      submittedBy: { id: mombasaFocal.person.id },
    });
    expect(submitted.data.submitReport.progress[0]).toMatchObject({
      key: ids.mombasa,
      total: 1,
      done: 0,
      averageProgressPercent: 40,
    });
    const intents = await intentsOf(report);
    expect(intents.map((i: { status: string }) => i.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    // A reminder already in flight finds the report submitted and says nothing.
    expect(await deliver(intents[0])).toEqual([]);

    // Items change later: the submitted figures stay.
    await t.gql(
      `mutation($id: ID!) { reportProgress(id: $id, input: { note: "Done", status: DONE }) { id } }`,
      { id: itemId },
      chair,
    );
    const read = await t.gql(CYCLE, { id: cycle.id }, secretariat.token);
    const mine = read.data.reportingCycle.reports.find(
      (r: { body: { name: string } }) => r.body.name === 'Mombasa county unit',
    );
    expect(mine.progress[0]).toEqual({ key: ids.mombasa, total: 1 });
    expect(read.data.reportingCycle.missing).toBe(2);
    expectError(await t.gql(SAVE, { id: report, input: { rating: 'ON_TRACK' } }, mombasaFocal.token), 'CONFLICT');
  });

  it('lets the cycle body return a report with a note, and the returned report is submitted again', async () => {
    const report = reportOf('Mombasa county unit');
    expectError(await t.gql(REVIEW, { id: report, accept: false, note: 'x' }, mombasaSecretariat.token), 'FORBIDDEN');
    expectError(await t.gql(REVIEW, { id: report, accept: false }, secretariat.token), 'BAD_USER_INPUT', /note/);
    const returned = await t.gql(
      REVIEW,
      { id: report, accept: false, note: 'Add the budget figures' },
      secretariat.token,
    );
    expect(returned.data.reviewReport).toMatchObject({ status: 'RETURNED', reviewNote: 'Add the budget figures' });
    const before = (await t.gql(CYCLE, { id: cycle.id }, secretariat.token)).data.reportingCycle;
    expect(before.missing).toBe(3);
    const again = await t.gql(SUBMIT, { id: report }, mombasaSecretariat.token);
    expect(again.data.submitReport.status).toBe('SUBMITTED');
    // Recomputed at the new submission: the commitment is now done.
    expect(again.data.submitReport.progress[0]).toMatchObject({ total: 1, done: 1 });
    const accepted = await t.gql(REVIEW, { id: report, accept: true }, secretariat.token);
    expect(accepted.data.reviewReport.status).toBe('ACCEPTED');
    expectError(await t.gql(REVIEW, { id: report, accept: true }, secretariat.token), 'CONFLICT');
    const actions = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at, id`, [
      report,
    ]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'periodicReport.save',
      'periodicReport.save',
      'periodicReport.submit',
      'periodicReport.return',
      'periodicReport.submit',
      'periodicReport.accept',
    ]);
  });

  it('sends the cycle body’s secretariat the list of missing reports the day after the due date', async () => {
    const [intent] = await intentsOf(cycle.id);
    const messages = await deliver(intent);
    expect(messages).toEqual([
      expect.objectContaining({
        personId: secretariat.person.id,
        kind: 'REPORTS_MISSING',
        title: 'Missing reports: County reports H1',
        body: `2 of 3 reports for "County reports H1" to NCM were not submitted by ${formatDay('en', due)}: Kisumu county unit, Turkana county unit.`,
      }),
    ]);
  });

  it('shows a public body’s cycle and ratings to anonymous readers, without who submitted', async () => {
    const res = await t.gql(CYCLE, { id: cycle.id });
    const mombasa = res.data.reportingCycle.reports.find(
      (r: { body: { name: string } }) => r.body.name === 'Mombasa county unit',
    );
    expect(mombasa).toMatchObject({ status: 'ACCEPTED', rating: 'AT_RISK', submittedBy: null });
    const body = await t.gql(
      `query($id: ID!) { coordinationBody(id: $id) { reportingCycles { id } periodicReports { status } } }`,
      { id: ids.mombasa },
    );
    expect(body.data.coordinationBody.periodicReports).toEqual([{ status: 'ACCEPTED' }]);
  });

  it('exports the cycle as CSV, one row per reporting body; a private cycle is 404 for strangers', async () => {
    const res = await t.http.get(`/exports/reporting-cycles/${cycle.id}/reports.csv`);
    expect(res.status).toBe(200);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('reporting body,status,rating');
    expect(lines[2]).toContain('Mombasa county unit,ACCEPTED,AT_RISK');
    expect(lines[1]).toContain('Kisumu county unit,NOT_STARTED');
    const privateBody = await f.body('Private parent');
    await f.body('Private child', { parentId: privateBody.id });
    const admin = (await t.signIn()).token;
    const hidden = await t.gql(
      OPEN,
      {
        input: {
          bodyId: privateBody.id,
          title: 'Hidden',
          periodFrom: '2026-01-01',
          periodTo: '2026-06-30',
          dueOn: due,
        },
      },
      admin,
    );
    const url = `/exports/reporting-cycles/${hidden.data.openReportingCycle.id}/reports.csv`;
    expect((await t.http.get(url)).status).toBe(404);
    expect((await t.http.get(url).set('authorization', `Bearer ${mombasaSecretariat.token}`)).status).toBe(404);
    expect(
      (await t.gql(CYCLE, { id: hidden.data.openReportingCycle.id }, member.token)).data.reportingCycle,
    ).toBeNull();
  });

  it("takes an erased person's name out of report narratives and review notes", async () => {
    const report = reportOf('Turkana county unit');
    const admin = (await t.signIn()).token;
    const named = await t.gql(
      SAVE,
      { id: report, input: { rating: 'ON_TRACK', narrative: 'Mombasa member visited the camp' } },
      admin,
    );
    expect(named.errors).toBeUndefined();
    const res = await t.gql(
      `mutation($id: ID!) { erasePerson(id: $id, redactNames: true) { id } }`,
      { id: mombasaMember.person.id },
      admin,
    );
    expect(res.errors).toBeUndefined();
    const [row] = await t.dataSource.query(`SELECT narrative FROM periodic_reports WHERE id = $1`, [report]);
    expect(row.narrative).toBe('[name removed] visited the camp');
  });

  it('reads a cycle with its reports in a constant number of queries', async () => {
    const run = () => t.countQueries(() => t.gql(CYCLE, { id: cycle.id }, secretariat.token));
    const three = await run();
    await t.gql(
      OPEN,
      {
        input: {
          bodyId: ids.ncm,
          title: 'Second',
          periodFrom: '2026-07-01',
          periodTo: '2026-12-31',
          dueOn: '2027-01-31',
          reportingBodyIds: [ids.mombasa],
        },
      },
      secretariat.token,
    );
    const LIST = `query($id: ID!) { coordinationBody(id: $id) { reportingCycles { missing reports { rating body { name } cycle { title } } } } }`;
    const many = await t.countQueries(() => t.gql(LIST, { id: ids.ncm }, secretariat.token));
    expect(three).toBeLessThanOrEqual(8);
    expect(many).toBeLessThanOrEqual(10);
  });
});
