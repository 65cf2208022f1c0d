/**
 * Command-line flags of the bench and seed scripts, read with node:util `parseArgs` (strict: an unknown flag, a
 * missing value or a stray argument is an error naming it). Numbers are checked here, since parseArgs knows
 * strings and booleans only.
 */
import { parseArgs } from 'node:util';

type Flags = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/**
 * The flags given, as parseArgs reads them, plus `--help`, which prints `usage` and exits. `flags` map names to
 * `{ type: 'string' | 'boolean' }`; defaults are applied by the caller (numbers through `numberFlag`).
 */
export function readFlags(argv: string[], flags: Flags, usage: string): Record<string, string | boolean | undefined> {
  const { values } = parseArgs({
    args: argv,
    options: { ...flags, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return values as Record<string, string | boolean | undefined>;
}

/** A numeric flag's value, `fallback` when absent; an error naming the flag when it is not a number. */
export function numberFlag(
  values: Record<string, string | boolean | undefined>,
  flag: string,
  fallback: number,
): number {
  const raw = values[flag];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value)) {
    throw new Error(`--${flag} must be a number, got "${String(raw)}"`);
  }
  return value;
}
