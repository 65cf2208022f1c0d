import {
  ArgumentsHost,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  Inject,
  Param,
  Query,
  Res,
  UseFilters,
} from '@nestjs/common';
import {
  AuthUser,
  badInput,
  CurrentUser,
  DomainError,
  ErrorCode,
  keysetBatches,
  Locale,
  msg,
  Public,
  RequestLanguage,
  RequestMemo,
} from '@coord/core';
import { isUuid, Organization, Person, RegistryReadService } from '@coord/registry';
import type { Response } from 'express';
import { EntityManager } from 'typeorm';
import { ACTION_SORT_SQL, actionSortValue } from './action-item.entity';
import { FRAMEWORK_CODE_ORDER } from './framework-target.entity';
import { ProgressGrouping } from './action.enums';
import { ActionsReadService, isOverdue } from './actions-read.service';
import { csvHeader, csvRow, UTF8_BOM } from './csv';
import { ActionReportsService } from './reports.service';
import { COMPLETION_LEVELS } from './assessments/completion-level';

const HTTP_STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
};

/** Domain errors of the export endpoints as HTTP statuses with the same JSON shape as GraphQL's extensions. */
@Catch(DomainError)
export class ExportErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(HTTP_STATUS[error.code] ?? 500).json({ error: { code: error.code, message: error.message } });
  }
}

const BATCH = 500;

/**
 * CSV exports for Voluntary National and Local Review annexes: a body's action items and the commitment
 * progress report. Same visibility as the GraphQL API (a Bearer token, or nothing for a public body's
 * commitments); streamed in keyset batches so that a large body never sits in memory at once.
 */
@Controller('exports')
@UseFilters(ExportErrorFilter)
export class ActionExportsController {
  constructor(
    @Inject(ActionsReadService) private readonly reader: ActionsReadService,
    @Inject(ActionReportsService) private readonly reports: ActionReportsService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
  ) {}

  @Public()
  @Get('bodies/:bodyId/action-items.csv')
  async bodyActionItems(
    @Param('bodyId') bodyId: string,
    @Query('includeSubBodies') includeSubBodies: string | undefined,
    @CurrentUser() user: AuthUser | null,
    @Res() res: Response,
    @RequestLanguage() locale: Locale,
  ) {
    if (!isUuid(bodyId)) throw badInput(msg('error.actions.bodyidUuid'), 'bodyId');
    const memo = new RequestMemo();
    const qb = await this.reader.query(user, { bodyId, includeSubBodies: includeSubBodies === 'true' }, memo);
    const body = await this.registry.requireBody(bodyId);
    this.startCsv(res, `action-items-${slug(body.acronym ?? body.name)}.csv`);
    res.write(
      csvHeader(locale, [
        'id',
        'body',
        'title',
        'description',
        'commitment',
        'owner person',
        'owner organization',
        'due on',
        'priority',
        'status',
        'overdue',
        'progress percent',
        'completion level',
        'framework codes',
        'created at',
        'completed at',
      ]),
    );
    const bodies = new Map<string, { name: string; timezone: string }>();
    const batches = keysetBatches(qb, BATCH, { sortExpression: ACTION_SORT_SQL, sortValue: actionSortValue });
    for await (const items of batches) {
      const [people, orgs, codes] = await Promise.all([
        this.registry.peopleByIds(unique(items.map((i) => i.ownerPersonId))),
        this.registry.organizationsByIds(unique(items.map((i) => i.ownerOrganizationId))),
        this.codesOf(
          qb.connection.manager,
          items.map((i) => i.id),
        ),
      ]);
      const missing = unique(items.map((i) => i.bodyId)).filter((id) => !bodies.has(id));
      for (const b of await this.registry.bodiesByIds(missing)) bodies.set(b.id, b);
      const personName = new Map(people.map((p: Person) => [p.id, p.fullName]));
      const orgName = new Map(orgs.map((o: Organization) => [o.id, o.name]));
      let chunk = '';
      for (const item of items) {
        const b = bodies.get(item.bodyId);
        chunk += csvRow([
          item.id,
          b?.name,
          item.title,
          item.description,
          item.isCommitment ? 'yes' : 'no',
          item.ownerPersonId ? personName.get(item.ownerPersonId) : '',
          item.ownerOrganizationId ? orgName.get(item.ownerOrganizationId) : '',
          item.dueOn,
          item.priority,
          item.status,
          isOverdue(item, b?.timezone ?? 'UTC') ? 'yes' : 'no',
          item.progressPercent,
          item.completionLevel,
          (codes.get(item.id) ?? []).join(' '),
          item.createdAt.toISOString(),
          item.completedAt?.toISOString(),
        ]);
      }
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }

  @Public()
  @Get('commitment-progress.csv')
  async commitmentProgress(
    @Query('groupBy') groupBy: string | undefined,
    @Query('bodyId') bodyId: string | undefined,
    @Query('includeSubBodies') includeSubBodies: string | undefined,
    @CurrentUser() user: AuthUser | null,
    @Res() res: Response,
    @RequestLanguage() locale: Locale,
  ) {
    const grouping = (groupBy ?? ProgressGrouping.BODY) as ProgressGrouping;
    if (!Object.values(ProgressGrouping).includes(grouping)) {
      throw badInput(
        msg('error.actions.groupbyOne', { values: Object.values(ProgressGrouping).join(', ') }),
        'groupBy',
      );
    }
    if (bodyId !== undefined && !isUuid(bodyId)) throw badInput(msg('error.actions.bodyidUuid'), 'bodyId');
    const rows = await this.reports.commitmentProgress(
      user,
      { groupBy: grouping, bodyId, includeSubBodies: includeSubBodies !== 'false' },
      new RequestMemo(),
    );
    this.startCsv(res, `commitment-progress-${grouping.toLowerCase()}.csv`);
    res.write(
      csvHeader(locale, ['key', 'label', 'total', 'done', 'overdue', 'average progress percent', ...COMPLETION_LEVELS]),
    );
    for (const r of rows) {
      const levels = new Map(r.byCompletionLevel.map((c) => [c.level, c.commitments]));
      res.write(
        csvRow([
          r.key,
          r.label,
          r.total,
          r.done,
          r.overdue,
          r.averageProgressPercent,
          ...COMPLETION_LEVELS.map((l) => levels.get(l) ?? 0),
        ]),
      );
    }
    res.end();
  }

  private startCsv(res: Response, filename: string) {
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('content-disposition', `attachment; filename="${filename}"`);
    res.setHeader('cache-control', 'no-store');
    res.write(UTF8_BOM);
  }

  private async codesOf(em: EntityManager, ids: string[]): Promise<Map<string, string[]>> {
    const rows: Array<{ action_item_id: string; code: string }> = await em.query(
      `SELECT action_item_id, code FROM action_item_framework_targets WHERE action_item_id = ANY($1::uuid[])
        ORDER BY ${FRAMEWORK_CODE_ORDER('code')}`,
      [ids],
    );
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.action_item_id, [...(map.get(r.action_item_id) ?? []), r.code]);
    return map;
  }
}

function unique(values: Array<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'body'
  );
}
