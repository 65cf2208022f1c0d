import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { AuthUser, BodyAction, PolicyService, Public, requestLocale, t } from '@coord/core';
import { isUuid, RegistryReadService } from '@coord/registry';
import type { Request, Response } from 'express';
import { CalendarService } from './calendar.service';

/**
 * GET /calendar/bodies/:bodyId.ics: a body's meetings. Public bodies: anyone; private bodies: a Bearer token
 * of someone who reads the body (anonymous callers get 401, signed-in non-readers 404 so nothing leaks).
 * GET /calendar/feeds/:token.ics: a person's meetings behind a secret URL; unknown or revoked tokens: 404.
 * Both are @Public() for the global guard and check access themselves.
 */
@Controller('calendar')
export class CalendarController {
  constructor(
    @Inject(CalendarService) private readonly calendar: CalendarService,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
  ) {}

  @Public()
  @Get('bodies/:file')
  async bodyFeed(@Param('file') file: string, @Req() req: Request & { user?: AuthUser | null }, @Res() res: Response) {
    const bodyId = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const user = req.user ?? null;
    // A body's calendar is in the reader's language (Accept-Language, else their locale, else English).
    const locale = requestLocale(req.headers['accept-language'], user?.locale);
    const readable = isUuid(bodyId) && (await this.policy.can(user, BodyAction.READ, bodyId));
    if (!readable) {
      if (!user) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return res.status(401).type('text/plain').send(t(locale, 'calendar.signInToRead'));
      }
      return res.status(404).type('text/plain').send(t(locale, 'calendar.noSuchCalendar'));
    }
    const body = await this.registry.requireBody(bodyId);
    const withJoinLinks = await this.policy.readsWhole(user, bodyId);
    return this.send(
      res,
      await this.calendar.bodyFeed(body, new Date(), withJoinLinks, locale),
      user ? 'private, no-store' : 'public, max-age=300',
    );
  }

  @Public()
  @Get('feeds/:file')
  async personalFeed(@Param('file') file: string, @Req() req: Request, @Res() res: Response) {
    const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const text = token ? await this.calendar.personalFeed(token) : null;
    if (text === null)
      return res
        .status(404)
        .type('text/plain')
        .send(t(requestLocale(req.headers['accept-language']), 'calendar.noSuchFeed'));
    return this.send(res, text, 'private, no-store');
  }

  private send(res: Response, text: string, cacheControl: string) {
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('Content-Disposition', 'inline; filename="meetings.ics"');
    return res.status(200).type('text/calendar; charset=utf-8').send(text);
  }
}
