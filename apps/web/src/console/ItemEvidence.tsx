import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import type { CompletionLevel } from '../gql/graphql';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { apiErrors, fieldError, formErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { Button, ErrorList, Field, SelectField } from '../ui/ui';
import {
  AddEvidenceDoc,
  AssessDoc,
  COMPLETION_LEVELS,
  ConsoleItem,
  EVIDENCE_FIELD,
  evidenceOf,
  evidenceProblem,
} from './itemDocs';

type Problem = { message: string; field: string };

/** Evidence links of the trail, and (for who may report progress) a link added with a short note. */
export function Evidence({ item }: { item: ConsoleItem }) {
  const { t, locale } = useI18n();
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const [result, add] = useMutation(AddEvidenceDoc);
  const errors = [...local, ...apiErrors(result.error)];
  const links = evidenceOf(item);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const problems: Problem[] = [];
    const problem = evidenceProblem(url);
    if (problem) problems.push({ field: EVIDENCE_FIELD, message: t(`evidence.${problem}`) });
    if (!note.trim()) problems.push({ field: 'note', message: t('evidence.noteRequired') });
    setLocal(problems);
    if (problems.length) return;
    const res = await add({ id: item.id, input: { note: note.trim(), evidenceUrls: [url.trim()] } });
    if (!res.error) {
      setUrl('');
      setNote('');
      setSaved(true);
    }
  }

  return (
    <section aria-labelledby="evidence">
      <h2 id="evidence">{t('evidence.title')}</h2>
      {links.length === 0 ? (
        <p className="muted">{t('evidence.none')}</p>
      ) : (
        <ul className="plain">
          {links.map((l, i) => (
            <li key={`${l.updateId}-${i}`}>
              <a href={l.url} rel="noopener noreferrer nofollow" target="_blank">
                {l.url}
              </a>{' '}
              <span className="muted">
                · {formatDateTime(locale, l.createdAt, item.body.timezone)}
                {l.author ? ` · ${l.author.fullName}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {item.viewerCanReportProgress && (
        <form className="form" onSubmit={submit} aria-label={t('evidence.form')}>
          <ErrorList errors={formErrors(errors, [EVIDENCE_FIELD, 'note'])} />
          {/* Not type="url": the browser would refuse the form with its own message, before ours and the API's. */}
          <Field
            label={t('evidence.url')}
            name="evidenceUrl"
            inputMode="url"
            value={url}
            onChange={setUrl}
            description={t('evidence.urlHelp')}
            error={fieldError(errors, EVIDENCE_FIELD)}
            isRequired
          />
          <Field
            label={t('evidence.note')}
            name="note"
            multiline
            value={note}
            onChange={setNote}
            error={fieldError(errors, 'note')}
            isRequired
          />
          <Button type="submit" isDisabled={result.fetching}>
            {t('evidence.add')}
          </Button>
          {saved && (
            <p role="status" className="ok">
              {t('evidence.added')}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

/** The second key: managers assess a commitment's completion against the evidence; the history stays. */
export function Assessment({ item }: { item: ConsoleItem }) {
  const { t, locale } = useI18n();
  const [level, setLevel] = useState<CompletionLevel>('SUBSTANTIAL');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const [result, assess] = useMutation(AssessDoc);
  const errors = [...local, ...apiErrors(result.error)];
  if (!item.isCommitment) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const problems = note.trim() ? [] : [{ field: 'note', message: t('assessment.noteRequired') }];
    setLocal(problems);
    if (problems.length) return;
    const res = await assess({ id: item.id, level, note: note.trim() });
    if (!res.error) {
      setNote('');
      setSaved(true);
    }
  }

  return (
    <section aria-labelledby="assessment">
      <h2 id="assessment">{t('assessment.title')}</h2>
      <p>
        {item.completionLevel
          ? t('assessment.current', { level: enumLabel(t, 'completion', item.completionLevel) })
          : t('assessment.none')}
      </p>
      {item.assessments.length > 0 && (
        <ol className="trail">
          {[...item.assessments].reverse().map((a) => (
            <li key={a.id}>
              <p className="muted">
                {formatDateTime(locale, a.assessedAt, item.body.timezone)}
                {a.assessor ? ` · ${a.assessor.fullName}` : ''} · {enumLabel(t, 'completion', a.level)}
              </p>
              <p>{a.note}</p>
            </li>
          ))}
        </ol>
      )}
      {item.viewerCanEdit && (
        <form className="form" onSubmit={submit} aria-label={t('assessment.form')}>
          <ErrorList errors={formErrors(errors, ['level', 'note'])} />
          <SelectField
            label={t('assessment.level')}
            name="level"
            value={level}
            onChange={(v) => setLevel(v as CompletionLevel)}
            error={fieldError(errors, 'level')}
          >
            {COMPLETION_LEVELS.map((l) => (
              <option key={l} value={l}>
                {enumLabel(t, 'completion', l)}
              </option>
            ))}
          </SelectField>
          <Field
            label={t('assessment.note')}
            name="note"
            multiline
            value={note}
            onChange={setNote}
            description={t('assessment.noteHelp')}
            error={fieldError(errors, 'note')}
            isRequired
          />
          <Button type="submit" isDisabled={result.fetching}>
            {t('assessment.submit')}
          </Button>
          {saved && (
            <p role="status" className="ok">
              {t('assessment.saved')}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
