export * from './reminders.module';
export * from './reminders.constants';
export * from './notification.entity';
export * from './notifications.service';
export * from './reminder-queue.service';
export * from './reminder-delivery.service';
export * from './outbox-relay.service';
export * from './fail-fast-queue';
export * from './weekly-digest.service';
export * from './mailer.service';
export * from './data-protection.service';

import { Notification } from './notification.entity';
/** Tables owned by the reminders feature (reminder_deliveries is reached through SQL only). */
export const REMINDERS_ENTITIES = [Notification];
