import { Link } from 'react-router';
import { formatDate, useI18n } from '../i18n/i18n';
import { enumLabel } from '../ui/labels';
import { Progress, StatusBadge } from '../ui/ui';
import { sortForFollowUp, statusTone } from './view';

export interface CommitmentItem {
  id: string;
  title: string;
  status: string;
  isOverdue: boolean;
  dueOn?: string | null;
  progressPercent: number;
  ownerOrganization?: { name: string } | null;
  ownerPerson?: { fullName: string } | null;
  body?: { name: string } | null;
}

/** Commitments or action items as a list: overdue first, status in words, progress with its number. */
export function CommitmentList({ items, showBody = false }: { items: readonly CommitmentItem[]; showBody?: boolean }) {
  const { t, locale } = useI18n();
  if (!items.length) return <p className="muted">{t('commitments.none')}</p>;
  return (
    <ul className="items">
      {sortForFollowUp(items).map((item) => (
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
            {(item.ownerOrganization || item.ownerPerson) && (
              <span>
                {t('commitments.owner', { name: item.ownerOrganization?.name ?? item.ownerPerson?.fullName ?? '' })}
              </span>
            )}
            {showBody && item.body && <span>{item.body.name}</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}
