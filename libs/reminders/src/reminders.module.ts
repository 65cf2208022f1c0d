import { Module } from '@nestjs/common';
import { DataProtectionJobs } from './data-protection.service';
import { FailedJobsService } from './failed-jobs.service';
import { ReminderMailer } from './mailer.service';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { OutboxRelay } from './outbox-relay.service';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderMailSender } from './reminder-mail-sender';
import { ReminderRecorder } from './reminder-recorder';
import { ReminderJobsWorker } from './reminder-jobs.worker';
import { ReminderQueueInspector } from './reminder-queue.service';
import { WeeklyDigest } from './weekly-digest.service';

/**
 * Reminders, API side: in-app notifications (query, mark read) and a read-only view of the reminders queue
 * (/health, failed jobs for admins). Mutations of other features only write the outbox; nothing here needs Redis
 * to change the record. What a notification is about (Notification.meeting, .actionItem) each feature resolves
 * itself on core's Notification type.
 */
@Module({
  providers: [NotificationsService, NotificationsResolver, ReminderQueueInspector, FailedJobsService],
  exports: [NotificationsService, ReminderQueueInspector],
})
export class RemindersModule {}

/**
 * Reminders, worker side: the outbox relay (PostgreSQL -> BullMQ delayed jobs), the BullMQ worker that delivers
 * reminders (in-app + mail) and runs the weekly digest and the data-protection jobs (retention, vacuum after
 * erasure). Imported by the worker process only.
 */
@Module({
  providers: [
    ReminderMailer,
    ReminderRecorder,
    ReminderMailSender,
    ReminderDeliveryService,
    WeeklyDigest,
    ReminderJobsWorker,
    OutboxRelay,
    DataProtectionJobs,
  ],
  exports: [ReminderDeliveryService, WeeklyDigest, OutboxRelay, ReminderMailer, DataProtectionJobs],
})
export class RemindersWorkerModule {}
