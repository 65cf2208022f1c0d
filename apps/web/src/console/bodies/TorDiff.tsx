import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n';
import { diffLines } from './textDiff';

/**
 * What a draft changes against the adopted text: removed lines struck through, added ones underlined, and in a
 * changed line the words that differ. Each change is also said in words (for screen readers and in print).
 */
export function TextDiff({ before, after, label }: { before: string; after: string; label: string }) {
  const { t } = useI18n();
  const lines = useMemo(() => diffLines(before, after), [before, after]);
  const changes = lines.filter((l) => l.kind !== 'same').length;
  return (
    <figure className="diff">
      <figcaption>
        {label} · {t('tor.changes', { count: changes })}
      </figcaption>
      <ol className="plain diff-lines" data-testid="tor-diff">
        {lines.map((line, i) => (
          <li key={i} className={`diff-${line.kind}`}>
            {line.parts.map((p, j) =>
              p.kind === 'added' ? (
                <ins key={j}>
                  <span className="visually-hidden">{t('diff.added')} </span>
                  {p.text}
                </ins>
              ) : p.kind === 'removed' ? (
                <del key={j}>
                  <span className="visually-hidden">{t('diff.removed')} </span>
                  {p.text}
                </del>
              ) : (
                <span key={j}>{p.text}</span>
              ),
            )}
          </li>
        ))}
      </ol>
    </figure>
  );
}
