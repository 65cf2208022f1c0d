import { Inject, Injectable } from '@nestjs/common';
import { badInput, msg } from '@coord/core';
import { DataSource, In } from 'typeorm';
import { FRAMEWORK_CODE_ORDER, FrameworkTarget } from './framework-target.entity';

/** The read-only catalogue of framework targets, seeded by migration. */
@Injectable()
export class FrameworkTargetsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  list(framework?: string): Promise<FrameworkTarget[]> {
    const qb = this.dataSource
      .getRepository(FrameworkTarget)
      .createQueryBuilder('t')
      .orderBy('t.framework', 'ASC')
      .addOrderBy(FRAMEWORK_CODE_ORDER('t.code'), 'ASC');
    if (framework) qb.where('t.framework = :framework', { framework: framework.trim().toUpperCase() });
    return qb.getMany();
  }

  /** Official titles of the given targets in `locale` (framework_target_titles), keyed by code: one query. */
  async officialTitles(locale: string, codes: readonly string[]): Promise<Map<string, string>> {
    const rows: Array<{ code: string; title: string }> = await this.dataSource.query(
      `SELECT code, title FROM framework_target_titles WHERE locale = $1 AND code = ANY($2::text[])`,
      [locale, codes],
    );
    return new Map(rows.map((row) => [row.code, row.title]));
  }

  /** Refuses unknown codes with a message that shows the valid form. */
  async requireCodes(codes: string[]): Promise<FrameworkTarget[]> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return [];
    const found = await this.dataSource.getRepository(FrameworkTarget).findBy({ code: In(unique) });
    refuseUnknownCodes(unique, found);
    return found;
  }
}

/** Refuses the codes among `codes` that are not in `found` (their targets, as read), with the valid form. */
export function refuseUnknownCodes(codes: readonly string[], found: readonly FrameworkTarget[]): void {
  const known = new Set(found.map((t) => t.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) {
    throw badInput(msg('error.actions.unknownFrameworkCodeUse', { unknown: unknown.join(', ') }), 'frameworkCodes');
  }
}
