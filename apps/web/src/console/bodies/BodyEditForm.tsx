import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { BodyStatus, CoordinationBodyUpdateInput } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../../ui/errors';
import { enumLabel } from '../../ui/labels';
import { Button, ErrorList, Field, SelectField } from '../../ui/ui';

const UpdateBody = graphql(`
  mutation ConsoleUpdateBody($id: ID!, $input: CoordinationBodyUpdateInput!) {
    updateCoordinationBody(id: $id, input: $input) {
      id
      name
      acronym
      description
      status
      isPublic
      timezone
      establishedOn
    }
  }
`);

export interface EditableBody {
  id: string;
  name: string;
  acronym?: string | null;
  description?: string | null;
  status: BodyStatus;
  isPublic: boolean;
  timezone: string;
  establishedOn?: string | null;
}
type Values = Omit<EditableBody, 'id'>;

const STATUSES: BodyStatus[] = ['ACTIVE', 'DORMANT', 'PROPOSED', 'DISSOLVED'];
const FIELDS = ['name', 'acronym', 'description', 'status', 'isPublic', 'timezone', 'establishedOn'] as const;

/**
 * Only the fields the user changed, as the update takes them (a field left out keeps its value; an emptied
 * optional text is sent as null, which clears it).
 */
export function changedFields(before: Values, after: Values): CoordinationBodyUpdateInput {
  const input: CoordinationBodyUpdateInput = {};
  const text = (v: string | null | undefined) => (v ?? '').trim();
  if (text(after.name) !== text(before.name)) input.name = text(after.name);
  if (text(after.acronym) !== text(before.acronym)) input.acronym = text(after.acronym) || null;
  if (text(after.description) !== text(before.description)) input.description = text(after.description) || null;
  if (after.status !== before.status) input.status = after.status;
  if (after.isPublic !== before.isPublic) input.isPublic = after.isPublic;
  if (text(after.timezone) !== text(before.timezone)) input.timezone = text(after.timezone);
  if (text(after.establishedOn) !== text(before.establishedOn)) input.establishedOn = after.establishedOn || null;
  return input;
}

/** Edits the body's profile; sends only what changed. */
export function BodyEditForm({ body, onDone }: { body: EditableBody; onDone: () => void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>(() => ({ ...body }));
  const [localErrors, setLocalErrors] = useState<ApiError[]>([]);
  const [saved, setSaved] = useState(false);
  const [result, update] = useMutation(UpdateBody);
  const errors = [...localErrors, ...apiErrors(result.error)];
  const set = (patch: Partial<Values>) => {
    setSaved(false);
    setValues({ ...values, ...patch });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: ApiError[] = [];
    if (!values.name.trim()) problems.push({ field: 'name', message: t('subBody.nameRequired') });
    if (!values.timezone.trim()) problems.push({ field: 'timezone', message: t('bodyEdit.timezoneRequired') });
    setLocalErrors(problems);
    if (problems.length) return;
    const input = changedFields(body, values);
    if (!Object.keys(input).length) return setSaved(true);
    const res = await update({ id: body.id, input });
    if (!res.error) {
      setSaved(true);
      onDone();
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('bodyEdit.title')}>
      <ErrorList errors={formErrors(errors, FIELDS)} />
      <Field
        label={t('subBody.name')}
        value={values.name}
        onChange={(name) => set({ name })}
        error={fieldError(errors, 'name')}
        isRequired
      />
      <div className="row">
        <Field
          label={t('subBody.acronym')}
          value={values.acronym ?? ''}
          onChange={(acronym) => set({ acronym })}
          error={fieldError(errors, 'acronym')}
        />
        <SelectField
          label={t('bodyEdit.status')}
          value={values.status}
          onChange={(v) => set({ status: v as BodyStatus })}
          error={fieldError(errors, 'status')}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {enumLabel(t, 'bodyStatus', s)}
            </option>
          ))}
        </SelectField>
      </div>
      <Field
        label={t('bodyEdit.description')}
        multiline
        value={values.description ?? ''}
        onChange={(description) => set({ description })}
        error={fieldError(errors, 'description')}
      />
      <div className="row">
        <Field
          label={t('body.timezone')}
          value={values.timezone}
          onChange={(timezone) => set({ timezone })}
          error={fieldError(errors, 'timezone')}
          description={t('bodyEdit.timezoneHint')}
        />
        <Field
          label={t('body.established')}
          type="date"
          value={values.establishedOn ?? ''}
          onChange={(establishedOn) => set({ establishedOn })}
          error={fieldError(errors, 'establishedOn')}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={values.isPublic} onChange={(e) => set({ isPublic: e.target.checked })} />{' '}
        {t('bodyEdit.isPublic')}
      </label>
      {fieldError(errors, 'isPublic') && <p className="field-error">{fieldError(errors, 'isPublic')}</p>}
      <Button type="submit" isDisabled={result.fetching}>
        {t('bodyEdit.save')}
      </Button>
      {saved && (
        <p role="status" className="ok">
          {t('bodyEdit.saved')}
        </p>
      )}
    </form>
  );
}
