/**
 * A readable diff of two texts: lines first, then words inside a changed line. A longest-common-subsequence
 * table, written here because no maintained diff library is a dependency of the web client (adding one for the
 * few hundred lines of a body's terms of reference was not worth a package); the inputs are small, and past
 * MAX_CELLS the diff falls back to "all removed, all added" rather than spending seconds on a table.
 */
export type DiffKind = 'same' | 'added' | 'removed';
export interface DiffPart {
  kind: DiffKind;
  text: string;
}
export interface DiffLine {
  kind: DiffKind | 'changed';
  /** For a changed line: its words, each kept, added or removed. Otherwise the line as one part. */
  parts: DiffPart[];
}

const MAX_CELLS = 1_000_000;

/** The tokens of a and b, each marked same, removed (only in a) or added (only in b), in reading order. */
export function diffTokens(a: string[], b: string[]): DiffPart[] {
  if (a.length * b.length > MAX_CELLS) {
    return [
      ...a.map((text) => ({ kind: 'removed' as const, text })),
      ...b.map((text) => ({ kind: 'added' as const, text })),
    ];
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i++] });
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ kind: 'removed', text: a[i++] });
    else out.push({ kind: 'added', text: b[j++] });
  }
  while (i < a.length) out.push({ kind: 'removed', text: a[i++] });
  while (j < b.length) out.push({ kind: 'added', text: b[j++] });
  return out;
}

/** Joins neighbouring parts of the same kind, so that a changed phrase reads as one. */
function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.kind === p.kind) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** Word diff of one line: words and the spaces between them are tokens, so that spacing survives. */
export function diffWords(a: string, b: string): DiffPart[] {
  const tokens = (s: string) => s.split(/(\s+)/).filter((t) => t !== '');
  return merge(diffTokens(tokens(a), tokens(b)));
}

/**
 * Line diff of two texts; a run of removed lines followed by as many added ones reads as changed lines, each
 * with its word diff (a reworded objective shows the words that changed, not two whole paragraphs).
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const split = (s: string) => (s === '' ? [] : s.split('\n'));
  const parts = diffTokens(split(before), split(after));
  const out: DiffLine[] = [];
  for (let k = 0; k < parts.length;) {
    if (parts[k].kind !== 'removed') {
      out.push({ kind: parts[k].kind, parts: [parts[k]] });
      k++;
      continue;
    }
    const removed: string[] = [];
    while (k < parts.length && parts[k].kind === 'removed') removed.push(parts[k++].text);
    const added: string[] = [];
    while (k < parts.length && parts[k].kind === 'added') added.push(parts[k++].text);
    const paired = Math.min(removed.length, added.length);
    for (let n = 0; n < paired; n++) out.push({ kind: 'changed', parts: diffWords(removed[n], added[n]) });
    for (const text of removed.slice(paired)) out.push({ kind: 'removed', parts: [{ kind: 'removed', text }] });
    for (const text of added.slice(paired)) out.push({ kind: 'added', parts: [{ kind: 'added', text }] });
  }
  return out;
}
