import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../i18n/i18n';
import { apiErrors, fieldError } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { useDebounced } from '../ui/useDebounced';
import { Button, ErrorList, Field, SelectField } from '../ui/ui';
import { Assessment, Evidence } from './ItemEvidence';
import { ConsoleItem, ConsoleItemDoc, FollowDoc, OrganizationSearchDoc, SetCoOwnersDoc, UnfollowDoc } from './itemDocs';
import { TranslationsPanel } from './TranslationsPanel';

/** Follow or stop following: progress, assessments and due-date changes reach followers as notifications. */
function Follow({ item }: { item: ConsoleItem }) {
  const { t } = useI18n();
  const [follow, doFollow] = useMutation(FollowDoc);
  const [unfollow, doUnfollow] = useMutation(UnfollowDoc);
  const busy = follow.fetching || unfollow.fetching;
  return (
    <div className="toolbar">
      <ErrorList errors={[...apiErrors(follow.error), ...apiErrors(unfollow.error)]} />
      <Button
        variant="secondary"
        isDisabled={busy}
        onPress={() => (item.followedByMe ? doUnfollow({ id: item.id }) : doFollow({ id: item.id }))}
      >
        {item.followedByMe ? t('follow.stop') : t('follow.start')}
      </Button>
      <span role="status" className="muted">
        {item.followedByMe ? t('follow.following') : ''}
      </span>
    </div>
  );
}

/** Organizations sharing the item; managers add one found by name, or take one off. */
function CoOwners({ item }: { item: ConsoleItem }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState('');
  const q = useDebounced(search.trim());
  const [found] = useQuery({ query: OrganizationSearchDoc, variables: { search: q }, pause: q.length < 2 });
  const [result, setCoOwners] = useMutation(SetCoOwnersDoc);
  const errors = apiErrors(result.error);
  const current = item.coOwnerOrganizations.map((o) => o.id);
  const options = (found.data?.organizations.edges ?? [])
    .map((e) => e.node)
    .filter((o) => !current.includes(o.id) && o.id !== item.ownerOrganization?.id);

  async function add() {
    if (!picked) return;
    const res = await setCoOwners({ id: item.id, ids: [...current, picked] });
    if (!res.error) {
      setPicked('');
      setSearch('');
    }
  }

  return (
    <section aria-labelledby="co-owners">
      <h2 id="co-owners">{t('coOwners.title')}</h2>
      {item.coOwnerOrganizations.length === 0 ? (
        <p className="muted">{t('coOwners.none')}</p>
      ) : (
        <ul className="plain members">
          {item.coOwnerOrganizations.map((o) => (
            <li key={o.id} className="item">
              <span>
                {o.name} · {enumLabel(t, 'sector', o.sector)}
              </span>
              {item.viewerCanEdit && (
                <Button
                  variant="secondary"
                  isDisabled={result.fetching}
                  onPress={() => setCoOwners({ id: item.id, ids: current.filter((id) => id !== o.id) })}
                >
                  {t('coOwners.remove', { name: o.name })}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {item.viewerCanEdit && (
        <div className="form">
          <ErrorList errors={errors.filter((e) => e.field !== 'coOwnerOrganizationIds')} />
          <Field label={t('coOwners.search')} type="search" value={search} onChange={setSearch} />
          <SelectField
            label={t('coOwners.pick')}
            value={picked}
            onChange={setPicked}
            error={fieldError(errors, 'coOwnerOrganizationIds')}
          >
            <option value="">{q.length < 2 ? t('coOwners.typeFirst') : t('coOwners.choose')}</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({enumLabel(t, 'sector', o.sector)})
              </option>
            ))}
          </SelectField>
          <Button onPress={add} isDisabled={!picked || result.fetching}>
            {t('coOwners.add')}
          </Button>
        </div>
      )}
    </section>
  );
}

/** The console's part of an item page: following, co-owners, evidence, the assessment and translations. */
export function ItemPanels({ id }: { id: string }) {
  const { t } = useI18n();
  const [{ data, error }] = useQuery({ query: ConsoleItemDoc, variables: { id } });
  const item = data?.actionItem;
  if (!item) return <ErrorList errors={apiErrors(error)} />;
  return (
    <>
      <Follow item={item} />
      <CoOwners item={item} />
      <Evidence item={item} />
      <Assessment item={item} />
      {item.viewerCanEdit && (
        <section aria-labelledby="translations">
          <h2 id="translations">{t('translations.title')}</h2>
          <TranslationsPanel
            key={item.id}
            type="ACTION_ITEM"
            id={item.id}
            originalLocale={item.originalLocale}
            translations={item.translations}
            fields={[
              { name: 'title', label: t('translations.titleField'), original: item.title },
              {
                name: 'description',
                label: t('translations.description'),
                original: item.description,
                multiline: true,
              },
            ]}
          />
        </section>
      )}
    </>
  );
}
