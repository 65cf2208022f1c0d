import { Link, useParams } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { ActionItemPage } from '../public/ActionItemPage';
import { useAccess } from './access';
import { ItemPanels } from './ItemPanels';

/**
 * An item of the national list: the item page with its trail, the way back to the list, its audit (admins), and the
 * console's panels (following, co-owners, evidence, assessment, translations).
 */
export default function ActionConsolePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const access = useAccess();
  return (
    <>
      <nav aria-label={t('body.breadcrumb')} className="breadcrumb">
        <Link to="/console/actions">{t('actions.title')}</Link>
        {access.isAdmin && (
          <>
            {' · '}
            <Link to={`/console/audit/ActionItem/${id}`}>{t('audit.link')}</Link>
          </>
        )}
      </nav>
      <ActionItemPage />
      <ItemPanels id={id} />
    </>
  );
}
