import { day, MessageValue, nested } from '@coord/core';

/**
 * The cancellation reason stored on the meetings an ended series cancels (meetings.cancel_reason, in English as
 * the record), and its reading in the recipient's language for the cancellation mails.
 */
const SERIES_ENDED = /^The series "(.*)" ends from (\d{4}-\d{2}-\d{2})$/s;

export const seriesEndedReason = (title: string, from: string) => `The series "${title}" ends from ${from}`;

/** A stored cancellation reason as a message value: the series' end in the reader's language, else as written. */
export function cancellationReason(reason: string): MessageValue {
  const ended = SERIES_ENDED.exec(reason);
  return ended ? nested('meeting.series.endedReason', { title: ended[1], from: day(ended[2]) }) : reason;
}
