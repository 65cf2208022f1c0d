export * from './reminders.module';

/** Tables owned by the reminders feature. */
export const REMINDERS_ENTITIES = [];
