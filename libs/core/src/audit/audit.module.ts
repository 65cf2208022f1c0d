import { Global, Module } from '@nestjs/common';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';
import { OutboxService } from '../outbox/outbox.service';
import { ReminderHandlerRegistry } from '../outbox/reminder-handlers';
import { DigestContributorRegistry } from '../outbox/digest-contributors';
import { PeriodicTaskRegistry } from '../outbox/periodic-tasks';
import { MailCalendarRegistry } from '../outbox/mail-calendar';
import { Clock } from '../clock';
import { AccountTokensService } from '../accounts/account-tokens.service';
import { TranslatableTypes } from '../i18n/content-translations';
import { MutationService } from '../mutation/mutation.service';

@Global()
/** The record of changes (audit events) and of reminders owed (the outbox), written through the caller's transaction. */
@Module({
  providers: [
    AuditService,
    AuditResolver,
    OutboxService,
    ReminderHandlerRegistry,
    DigestContributorRegistry,
    PeriodicTaskRegistry,
    MailCalendarRegistry,
    Clock,
    AccountTokensService,
    TranslatableTypes,
    MutationService,
  ],
  exports: [
    AuditService,
    OutboxService,
    ReminderHandlerRegistry,
    DigestContributorRegistry,
    PeriodicTaskRegistry,
    MailCalendarRegistry,
    Clock,
    AccountTokensService,
    TranslatableTypes,
    MutationService,
  ],
})
export class AuditModule {}
