import { Controller, Get, Inject, Param, Res, UseFilters } from '@nestjs/common';
import {
  AuthUser,
  badInput,
  CurrentUser,
  notFound,
  Public,
  RequestMemo,
  msg,
  Locale,
  RequestLanguage,
} from '@coord/core';
import { isUuid, RegistryReadService } from '@coord/registry';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { csvHeader, csvRow, UTF8_BOM } from '../csv';
import { ExportErrorFilter } from '../exports.controller';
import { PeriodicReport } from './reporting-cycle.entity';
import { ReportingCyclesService } from './reporting-cycles.service';

/**
 * CSV of a reporting cycle, one row per reporting body (for the secretariat's chase and the annex of a review):
 * status, rating, dates, narrative, review note and the frozen progress of the whole body. Same access as
 * `reportingCycle` (a Bearer token, or nothing for a public body); no personal data (who submitted is left out).
 */
@Controller('exports')
@UseFilters(ExportErrorFilter)
export class ReportingExportsController {
  constructor(
    @Inject(ReportingCyclesService) private readonly cycles: ReportingCyclesService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Get('reporting-cycles/:id/reports.csv')
  async reports(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser | null,
    @Res() res: Response,
    @RequestLanguage() locale: Locale,
  ) {
    if (!isUuid(id)) throw badInput(msg('error.actions.reportingCycles.idUuid'), 'id');
    const cycle = await this.cycles.cycle(user, id, new RequestMemo());
    if (!cycle) throw notFound('Reporting cycle', id);
    const reports = await this.dataSource.getRepository(PeriodicReport).find({ where: { cycleId: cycle.id } });
    const bodies = new Map((await this.registry.bodiesByIds(reports.map((r) => r.bodyId))).map((b) => [b.id, b]));
    const rows = reports
      .map((r) => ({ r, name: bodies.get(r.bodyId)?.name ?? r.bodyId }))
      .sort((a, b) => a.name.localeCompare(b.name));
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('content-disposition', `attachment; filename="reporting-cycle-${cycle.id}.csv"`);
    res.setHeader('cache-control', 'no-store');
    res.write(UTF8_BOM);
    res.write(
      csvHeader(locale, [
        'cycle',
        'period from',
        'period to',
        'due on',
        'reporting body',
        'status',
        'rating',
        'submitted at',
        'commitments',
        'done',
        'overdue',
        'average progress percent',
        'narrative',
        'review note',
      ]),
    );
    for (const { r, name } of rows) {
      const whole = r.progress.find((p) => p.key === r.bodyId);
      res.write(
        csvRow([
          cycle.title,
          cycle.periodFrom,
          cycle.periodTo,
          cycle.dueOn,
          name,
          r.status,
          r.rating,
          r.submittedAt?.toISOString(),
          whole?.total,
          whole?.done,
          whole?.overdue,
          whole?.averageProgressPercent,
          r.narrative,
          r.reviewNote,
        ]),
      );
    }
    res.end();
  }
}
