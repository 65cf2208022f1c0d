import { useState } from 'react';
import { Button as AriaButton, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ActionStatus } from '../gql/graphql';
import { formatDate, useI18n } from '../i18n/i18n';
import { sortForFollowUp, statusTone } from '../public/view';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { ErrorList, Loading, PageTitle, Progress, SelectField, StatusBadge } from '../ui/ui';
import { ProgressForm } from './ProgressForm';

const MyActionItemsQuery = graphql(`
  query MyActionItems($status: [ActionStatus!]) {
    myActionItems(first: 100, status: $status) {
      totalCount
      edges {
        node {
          id
          title
          status
          isOverdue
          isCommitment
          dueOn
          progressPercent
          body {
            id
            name
          }
          ownerOrganization {
            id
            name
          }
        }
      }
    }
  }
`);

const FILTERS: Record<string, ActionStatus[] | undefined> = {
  open: ['OPEN', 'IN_PROGRESS', 'BLOCKED'],
  done: ['DONE', 'CANCELLED'],
  all: undefined,
};

/** The signed-in person's action items and commitments, overdue first, each with its progress form. */
export default function MyActions() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<keyof typeof FILTERS>('open');
  const [{ data, fetching, error }, refetch] = useQuery({
    query: MyActionItemsQuery,
    variables: { status: FILTERS[filter] },
  });
  const items = sortForFollowUp(data?.myActionItems.edges.map((e) => e.node) ?? []);
  return (
    <section>
      <PageTitle title={t('myActions.title')}>{t('myActions.title')}</PageTitle>
      <SelectField
        inline
        label={t('myActions.show')}
        value={filter}
        onChange={(v) => setFilter(v as keyof typeof FILTERS)}
      >
        <option value="open">{t('myActions.filterOpen')}</option>
        <option value="done">{t('myActions.filterDone')}</option>
        <option value="all">{t('common.all')}</option>
      </SelectField>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{t('myActions.none')}</p>
      ) : (
        <ul className="items">
          {items.map((item) => (
            <li key={item.id} className="item">
              <div className="item-head">
                <Link to={`/action-items/${item.id}`}>{item.title}</Link>
                <StatusBadge tone={statusTone(item)}>
                  {item.isOverdue ? t('commitments.overdue') : enumLabel(t, 'actionStatus', item.status)}
                </StatusBadge>
              </div>
              <div className="item-meta">
                <Progress value={item.progressPercent} label={t('commitments.progressOf', { title: item.title })} />
                {item.dueOn && <span>{t('commitments.due', { date: formatDate(locale, item.dueOn) })}</span>}
                <span>{item.body.name}</span>
              </div>
              <Disclosure>
                <Heading level={2} className="disclosure-heading">
                  {/* The visible words start the accessible name (WCAG 2.5.3), which says which item it is. */}
                  <AriaButton
                    slot="trigger"
                    className="button button-secondary"
                    aria-label={t('progress.open', { title: item.title })}
                  >
                    {t('progress.title')}
                  </AriaButton>
                </Heading>
                <DisclosurePanel>
                  <ProgressForm item={item} onDone={() => refetch({ requestPolicy: 'network-only' })} />
                </DisclosurePanel>
              </Disclosure>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
