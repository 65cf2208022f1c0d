/** Types shared by the reminder delivery's batcher (reminder-delivery.service.ts), recorder and mail sender. */
export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'outdated';

/** The intent's kind has no registered handler: retrying cannot help (the intent is marked FAILED). */
export class NoReminderHandlerError extends Error {
  constructor(kind: string) {
    super(`no reminder handler for kind ${kind}`);
    this.name = 'NoReminderHandlerError';
  }
}

/** One job's call to deliver(), waiting for a batch. */
export interface DeliveryRequest {
  intentId: string;
  version: number;
  resolve: (outcome: DeliveryOutcome) => void;
  reject: (error: unknown) => void;
}

/** Step 1 for one request: its outcome and whether the intent has mails to send, or why it failed. */
export type RecordResult = { outcome: DeliveryOutcome; mails: boolean } | { error: unknown };
