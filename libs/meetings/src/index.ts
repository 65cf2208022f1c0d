export * from './meetings.module';

/** Tables owned by the meetings feature. */
export const MEETINGS_ENTITIES = [];
