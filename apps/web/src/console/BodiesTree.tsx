import { Link } from 'react-router';
import { useT } from '../i18n/i18n';
import { enumLabel } from '../ui/labels';
import { PageTitle } from '../ui/ui';
import { ConsoleBody, useAccess } from './access';
import { buildTree, TreeNode } from './view';

function Branch({ nodes, canManage }: { nodes: TreeNode<ConsoleBody>[]; canManage: (id: string) => boolean }) {
  const t = useT();
  return (
    <ul className="tree">
      {nodes.map(({ body, children }) => (
        <li key={body.id}>
          {canManage(body.id) ? (
            <Link to={`/console/bodies/${body.id}`}>{body.name}</Link>
          ) : (
            <Link to={`/bodies/${body.id}`}>{body.name}</Link>
          )}{' '}
          <span className="muted">
            {[enumLabel(t, 'kind', body.kind), body.subdivisionCode].filter(Boolean).join(' · ')}
          </span>
          {children.length > 0 && <Branch nodes={children} canManage={canManage} />}
        </li>
      ))}
    </ul>
  );
}

/** The hierarchy: national mechanism, its working groups and county units; bodies the user manages open their console. */
export default function BodiesTree() {
  const t = useT();
  const { bodies, canManage } = useAccess();
  return (
    <section>
      <PageTitle title={t('console.bodiesTitle')}>{t('console.bodiesTitle')}</PageTitle>
      <p className="muted">{t('console.bodiesIntro')}</p>
      <Branch nodes={buildTree(bodies)} canManage={canManage} />
    </section>
  );
}
