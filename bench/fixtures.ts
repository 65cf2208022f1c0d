/**
 * What the scale generator (scripts/seed-scale.ts) and the benchmark, soak and fault runs agree on: the bench
 * database, the known sign-ins and the deterministic ids of generated rows (md5 of a prefix and an index, as a v4 UUID, so
 * that any script can name "the national mechanism" or "county unit 1" without a lookup table).
 */
import { createHash } from 'node:crypto';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/coord_bench';
export const BENCH_PASSWORD = 'bench-password-2026';

/** Sign-ins the generator creates: a platform admin, the national secretariat officer, a county focal point. */
export const BENCH_USERS = {
  admin: 'admin@bench.example',
  secretariat: 'secretariat@bench.example',
  focalPoint: 'focal@bench.example',
} as const;

/** The generator's pg_temp.bench_id(prefix || ix): md5 shaped as a version-4 UUID (version and variant set). */
export function benchId(prefix: 'o' | 'p' | 'b' | 'm' | 'a', ix: number): string {
  const hex = createHash('md5').update(`${prefix}${ix}`).digest('hex');
  const v4 = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return `${v4.slice(0, 8)}-${v4.slice(8, 12)}-${v4.slice(12, 16)}-${v4.slice(16, 20)}-${v4.slice(20)}`;
}

/** Body 0 is the national mechanism, 1..counties the county outreach units, then working groups and councils. */
export const NATIONAL_BODY_ID = benchId('b', 0);
export const FIRST_COUNTY_BODY_ID = benchId('b', 1);
