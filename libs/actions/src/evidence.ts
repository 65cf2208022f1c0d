import { badInput, msg } from '@coord/core';

export const MAX_EVIDENCE_URLS = 10;
const MAX_URL_LENGTH = 2000;

/**
 * Evidence links of a progress report: at most 10, each an absolute http:// or https:// URL with a host and no
 * spaces (a `javascript:` or `data:` link would run in a reader's browser). Checked for shape only: the server
 * never fetches them. Returns the trimmed list; throws BAD_USER_INPUT naming the offending entry.
 */
export function requireEvidenceUrls(
  urls: readonly string[] | null | undefined,
  field = 'input.evidenceUrls',
): string[] {
  const list = (urls ?? []).map((u) => u.trim());
  if (list.length > MAX_EVIDENCE_URLS) {
    throw badInput(msg('error.actions.takesMostLinksGive', { field, MAX_EVIDENCE_URLS }), field);
  }
  list.forEach((value, i) => {
    if (!isEvidenceUrl(value)) {
      throw badInput(msg('error.actions.httpHttpsLinkMost', { field, i, MAX_URL_LENGTH }), `${field}[${i}]`);
    }
  });
  return list;
}

export function isEvidenceUrl(value: string): boolean {
  if (!value || value.length > MAX_URL_LENGTH || /\s/.test(value) || !/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}
