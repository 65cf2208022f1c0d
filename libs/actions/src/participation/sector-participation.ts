import { Controller, Get, Inject, Injectable, Param, Query as HttpQuery, Res, UseFilters } from '@nestjs/common';
import { Args, Context, Field, Float, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import {
  AuthUser,
  badInput,
  BodyAction,
  CurrentUser,
  GraphQLRequestContext,
  PolicyService,
  Public,
  RequestMemo,
  requirePeriod,
  msg,
  Locale,
  RequestLanguage,
} from '@coord/core';
import type { AuthUser as AuthUserType } from '@coord/core';
import { MeetingsReadService } from '@coord/meetings';
import { isUuid, RegistryReadService, StakeholderSector } from '@coord/registry';
import type { Response } from 'express';
import { ParticipationArgs } from '../action-items.inputs';
import { csvHeader, csvRow, UTF8_BOM } from '../csv';
import { ExportErrorFilter } from '../exports.controller';

@ObjectType('SectorParticipationRow', {
  description: 'Invitations and attendance of the organizations of one stakeholder sector over held meetings.',
})
export class SectorParticipationRow {
  @Field(() => StakeholderSector)
  sector: StakeholderSector;
  @Field(() => Int, { description: 'Held meetings each organization of the sector was invited to, summed.' })
  invitations: number;
  @Field(() => Int)
  attended: number;
  @Field(() => Int, { description: 'Invitations excused (nobody of the organization present, someone EXCUSED).' })
  excused: number;
  @Field(() => Float)
  attendanceRate: number;
}

/**
 * Participation by stakeholder sector (is civil society at the table, or only invited?): the per-organization
 * counts of held meetings summed by the organizations' sectors. EXCUSED is counted apart from ABSENT. Readable by
 * whoever reads the body; two queries (participation, organizations).
 */
@Injectable()
export class SectorParticipationService {
  constructor(
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(MeetingsReadService) private readonly meetings: MeetingsReadService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
  ) {}

  async bySector(
    user: AuthUser | null,
    args: { bodyId: string; from?: string | null; to?: string | null },
    memo?: RequestMemo,
  ): Promise<SectorParticipationRow[]> {
    await this.policy.require(user, BodyAction.READ, args.bodyId, memo);
    requirePeriod(args.from, args.to);
    const counts = await this.meetings.participationByOrganization([args.bodyId], { from: args.from, to: args.to });
    const sectors = new Map(
      (await this.registry.organizationsByIds(counts.map((c) => c.organizationId))).map((o) => [o.id, o.sector]),
    );
    const rows = new Map<StakeholderSector, SectorParticipationRow>();
    for (const c of counts) {
      const sector = sectors.get(c.organizationId);
      if (!sector) continue;
      const row = rows.get(sector) ?? { sector, invitations: 0, attended: 0, excused: 0, attendanceRate: 0 };
      row.invitations += c.meetingsInvited;
      row.attended += c.meetingsAttended;
      row.excused += c.meetingsExcused;
      rows.set(sector, row);
    }
    return [...rows.values()]
      .map((r) => ({
        ...r,
        attendanceRate: r.invitations ? Math.round((r.attended / r.invitations) * 10000) / 10000 : 0,
      }))
      .sort((a, b) => a.sector.localeCompare(b.sector));
  }
}

@Resolver()
export class SectorParticipationResolver {
  constructor(@Inject(SectorParticipationService) private readonly service: SectorParticipationService) {}

  @Public()
  @Query(() => [SectorParticipationRow], {
    description: 'Per stakeholder sector: invitations to held meetings of the body, attended and excused, from..to.',
  })
  participationBySector(
    @Args() args: ParticipationArgs,
    @CurrentUser() user: AuthUserType | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.service.bySector(user, args, ctx.memo);
  }
}

/** `GET /exports/bodies/<id>/participation-by-sector.csv?from=&to=`: the same rows as CSV. */
@Controller('exports')
@UseFilters(ExportErrorFilter)
export class SectorParticipationExportController {
  constructor(@Inject(SectorParticipationService) private readonly service: SectorParticipationService) {}

  @Public()
  @Get('bodies/:bodyId/participation-by-sector.csv')
  async csv(
    @Param('bodyId') bodyId: string,
    @HttpQuery('from') from: string | undefined,
    @HttpQuery('to') to: string | undefined,
    @CurrentUser() user: AuthUserType | null,
    @Res() res: Response,
    @RequestLanguage() locale: Locale,
  ) {
    if (!isUuid(bodyId)) throw badInput(msg('error.actions.bodyidUuid'), 'bodyId');
    for (const [name, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        throw badInput(msg('error.actions.participation.calendarDayWrittenYyyy', { name }), name);
      }
    }
    const rows = await this.service.bySector(user, { bodyId, from, to }, new RequestMemo());
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('content-disposition', 'attachment; filename="participation-by-sector.csv"');
    res.setHeader('cache-control', 'no-store');
    res.write(UTF8_BOM);
    res.write(csvHeader(locale, ['sector', 'invitations', 'attended', 'excused', 'attendance rate']));
    for (const r of rows) res.write(csvRow([r.sector, r.invitations, r.attended, r.excused, r.attendanceRate]));
    res.end();
  }
}
