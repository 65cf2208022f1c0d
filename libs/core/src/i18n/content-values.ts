import { EntityManager } from 'typeorm';
import { MessageValue } from './i18n';

type ContentRef = { type: string; id: string; field: string; original: string };

/**
 * Replaces the `content` values (a record's text, e.g. a meeting's title) found in the given message values by
 * the record's text in every language it is translated into, so that rendering picks the reader's: one query for
 * all of them, whatever their number (a reminder batch, a digest run). Values are changed in place.
 */
export async function loadContentValues(
  em: EntityManager,
  valueSets: Array<Record<string, MessageValue> | undefined>,
): Promise<void> {
  const refs: Array<{ values: Record<string, MessageValue>; name: string; ref: ContentRef }> = [];
  const collect = (values: Record<string, MessageValue> | undefined) => {
    for (const [name, value] of Object.entries(values ?? {})) {
      if (value && typeof value === 'object' && 'content' in value)
        refs.push({ values: values!, name, ref: value.content });
      else if (value && typeof value === 'object' && 'message' in value) collect(value.values);
    }
  };
  valueSets.forEach(collect);
  if (refs.length === 0) return;
  const rows: Array<{ entity_type: string; entity_id: string; field: string; locale: string; text: string }> =
    await em.query(
      `SELECT t.entity_type, t.entity_id, t.field, t.locale, t.text
         FROM content_translations t
         JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::uuid[], $3::text[]) AS r(type, id, field)) r
           ON t.entity_type = r.type AND t.entity_id = r.id AND t.field = r.field`,
      [refs.map((r) => r.ref.type), refs.map((r) => r.ref.id), refs.map((r) => r.ref.field)],
    );
  const found = new Map<string, Record<string, string>>();
  for (const row of rows) {
    const key = `${row.entity_type}|${row.entity_id}|${row.field}`;
    found.set(key, { ...(found.get(key) ?? {}), [row.locale]: row.text });
  }
  for (const { values, name, ref } of refs) {
    values[name] = { original: ref.original, translations: found.get(`${ref.type}|${ref.id}|${ref.field}`) ?? {} };
  }
}
