import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { DecisionRule, MeetingFrequency, StakeholderSector } from '../../gql/graphql';
import { formatDate, formatDateTime, useI18n } from '../../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../../ui/errors';
import { enumLabel } from '../../ui/labels';
import { Button, ErrorList, Field, SelectField, StatusBadge } from '../../ui/ui';
import { TextDiff } from './TorDiff';
import { TorContent, torText } from './torText';

const DraftTor = graphql(`
  mutation ConsoleDraftTor($bodyId: ID!, $input: TermsOfReferenceInput!) {
    draftTermsOfReference(bodyId: $bodyId, input: $input) {
      id
      version
      status
    }
  }
`);

const AdoptTor = graphql(`
  mutation ConsoleAdoptTor($id: ID!, $adoptedOn: Date!, $meetingId: ID) {
    adoptTermsOfReference(id: $id, adoptedOn: $adoptedOn, meetingId: $meetingId) {
      id
      version
      status
      adoptedOn
    }
  }
`);

export interface TorVersion extends TorContent {
  id: string;
  version: number;
  status: string;
  adoptedOn?: string | null;
  reportsTo?: { id: string } | null;
}

const RULES: DecisionRule[] = ['CONSENSUS', 'SIMPLE_MAJORITY', 'TWO_THIRDS_MAJORITY'];
const FREQUENCIES: MeetingFrequency[] = ['WEEKLY', 'MONTHLY', 'QUARTERLY', 'BIANNUAL', 'ANNUAL', 'AD_HOC'];
const FIELDS = [
  'mandate',
  'objectives',
  'functions',
  'quorumFraction',
  'decisionRule',
  'meetingFrequency',
  'resources',
  'reviewDueOn',
];
const lines = (v: string) =>
  v
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A new draft, starting from the latest text; seats and the body reported to are carried over. */
function DraftForm({ bodyId, base, onDone }: { bodyId: string; base?: TorVersion; onDone: () => void }) {
  const { t } = useI18n();
  const [mandate, setMandate] = useState(base?.mandate ?? '');
  const [objectives, setObjectives] = useState(base?.objectives.join('\n') ?? '');
  const [functions, setFunctions] = useState(base?.functions.join('\n') ?? '');
  const [quorum, setQuorum] = useState(base ? String(Math.round(base.quorumFraction * 1000) / 10) : '50');
  const [rule, setRule] = useState<DecisionRule>((base?.decisionRule as DecisionRule) ?? 'CONSENSUS');
  const [frequency, setFrequency] = useState<MeetingFrequency>(
    (base?.meetingFrequency as MeetingFrequency) ?? 'QUARTERLY',
  );
  const [resources, setResources] = useState(base?.resources ?? '');
  const [reviewDueOn, setReviewDueOn] = useState(base?.reviewDueOn ?? '');
  const [localErrors, setLocalErrors] = useState<ApiError[]>([]);
  const [result, draft] = useMutation(DraftTor);
  const errors = [...localErrors, ...apiErrors(result.error)];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: ApiError[] = [];
    if (!mandate.trim()) problems.push({ field: 'mandate', message: t('tor.mandateRequired') });
    const q = Number(quorum);
    if (!quorum || !Number.isFinite(q) || q <= 0 || q > 100) {
      problems.push({ field: 'quorumFraction', message: t('tor.quorumRange') });
    }
    setLocalErrors(problems);
    if (problems.length) return;
    const res = await draft(
      {
        bodyId,
        input: {
          mandate: mandate.trim(),
          objectives: lines(objectives),
          functions: lines(functions),
          quorumFraction: q / 100,
          decisionRule: rule,
          meetingFrequency: frequency,
          requiredSeats:
            base?.requiredSeats.map((s) => ({ sector: s.sector as StakeholderSector, minSeats: s.minSeats })) ?? [],
          reportsToBodyId: base?.reportsTo?.id ?? null,
          resources: resources.trim() || null,
          reviewDueOn: reviewDueOn || null,
        },
      },
      { additionalTypenames: ['TermsOfReference'] },
    );
    if (!res.error) onDone();
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('tor.draftTitle')}>
      <ErrorList errors={formErrors(errors, FIELDS)} />
      <Field
        label={t('body.mandate')}
        multiline
        value={mandate}
        onChange={setMandate}
        error={fieldError(errors, 'mandate')}
        isRequired
      />
      <Field
        label={t('body.objectives')}
        multiline
        value={objectives}
        onChange={setObjectives}
        error={fieldError(errors, 'objectives')}
        description={t('tor.onePerLine')}
      />
      <Field
        label={t('body.functions')}
        multiline
        value={functions}
        onChange={setFunctions}
        error={fieldError(errors, 'functions')}
        description={t('tor.onePerLine')}
      />
      <div className="row">
        <Field
          label={t('tor.quorum')}
          type="number"
          inputMode="decimal"
          value={quorum}
          onChange={setQuorum}
          error={fieldError(errors, 'quorumFraction')}
          isRequired
        />
        <SelectField
          label={t('tor.decisionRule')}
          value={rule}
          onChange={(v) => setRule(v as DecisionRule)}
          error={fieldError(errors, 'decisionRule')}
        >
          {RULES.map((r) => (
            <option key={r} value={r}>
              {enumLabel(t, 'decisionRule', r)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('tor.frequency')}
          value={frequency}
          onChange={(v) => setFrequency(v as MeetingFrequency)}
          error={fieldError(errors, 'meetingFrequency')}
        >
          {FREQUENCIES.map((f) => (
            <option key={f} value={f}>
              {enumLabel(t, 'frequency', f)}
            </option>
          ))}
        </SelectField>
      </div>
      <Field
        label={t('tor.resources')}
        multiline
        value={resources}
        onChange={setResources}
        error={fieldError(errors, 'resources')}
      />
      <Field
        label={t('tor.reviewDueOn')}
        type="date"
        value={reviewDueOn}
        onChange={setReviewDueOn}
        error={fieldError(errors, 'reviewDueOn')}
      />
      <Button type="submit" isDisabled={result.fetching}>
        {t('tor.saveDraft')}
      </Button>
    </form>
  );
}

/** Adopts the draft, on a day and (optionally) at one of the body's meetings. */
function AdoptForm({
  draft,
  meetings,
  onDone,
}: {
  draft: TorVersion;
  meetings: Array<{ id: string; title: string; startsAt: string; timezone: string }>;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const [adoptedOn, setAdoptedOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [meetingId, setMeetingId] = useState('');
  const [result, adopt] = useMutation(AdoptTor);
  const errors = apiErrors(result.error);
  return (
    <form
      className="form"
      aria-label={t('tor.adoptTitle', { version: draft.version })}
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await adopt(
          { id: draft.id, adoptedOn, meetingId: meetingId || null },
          { additionalTypenames: ['TermsOfReference', 'CoordinationBody'] },
        );
        if (!res.error) onDone();
      }}
    >
      <ErrorList errors={formErrors(errors, ['adoptedOn', 'meetingId'])} />
      <div className="row">
        <Field
          label={t('tor.adoptedOn')}
          type="date"
          value={adoptedOn}
          onChange={setAdoptedOn}
          error={fieldError(errors, 'adoptedOn')}
          isRequired
        />
        <SelectField
          label={t('tor.atMeeting')}
          value={meetingId}
          onChange={setMeetingId}
          error={fieldError(errors, 'meetingId')}
        >
          <option value="">{t('tor.noMeeting')}</option>
          {meetings.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title} ({formatDateTime(locale, m.startsAt, m.timezone)})
            </option>
          ))}
        </SelectField>
      </div>
      <Button type="submit" isDisabled={result.fetching}>
        {t('tor.adopt', { version: draft.version })}
      </Button>
    </form>
  );
}

/** Terms of reference: the adopted version, a draft and what it changes, adoption. */
export function TermsOfReferencePanel({
  bodyId,
  history,
  meetings,
  reload,
}: {
  bodyId: string;
  history: TorVersion[];
  meetings: Array<{ id: string; title: string; startsAt: string; timezone: string }>;
  reload: () => void;
}) {
  const { t, locale } = useI18n();
  const [drafting, setDrafting] = useState(false);
  const adopted = history.find((v) => v.status === 'ADOPTED');
  const draft = [...history]
    .filter((v) => v.status === 'DRAFT' && (!adopted || v.version > adopted.version))
    .sort((a, b) => b.version - a.version)[0];
  return (
    <section aria-labelledby="tor">
      <h2 id="tor">{t('body.tor')}</h2>
      <p>
        {adopted ? (
          <StatusBadge tone="ok">
            {t('body.torVersion', { version: adopted.version, date: formatDate(locale, adopted.adoptedOn ?? '') })}
          </StatusBadge>
        ) : (
          <span className="muted">{t('body.noTor')}</span>
        )}{' '}
        {draft && <StatusBadge tone="warn">{t('tor.draftVersion', { version: draft.version })}</StatusBadge>}
      </p>
      {draft && (
        <>
          <TextDiff
            before={torText(adopted, t)}
            after={torText(draft, t)}
            label={
              adopted
                ? t('tor.compare', { draft: draft.version, adopted: adopted.version })
                : t('tor.compareNone', { draft: draft.version })
            }
          />
          <AdoptForm draft={draft} meetings={meetings} onDone={reload} />
        </>
      )}
      {drafting ? (
        <>
          <DraftForm
            bodyId={bodyId}
            base={draft ?? adopted}
            onDone={() => {
              setDrafting(false);
              reload();
            }}
          />
          <Button variant="secondary" onPress={() => setDrafting(false)}>
            {t('common.cancel')}
          </Button>
        </>
      ) : (
        <Button variant="secondary" onPress={() => setDrafting(true)}>
          {draft ? t('tor.redraft') : t('tor.draft')}
        </Button>
      )}
    </section>
  );
}
