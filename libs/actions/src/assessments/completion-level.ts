import { registerEnumType } from '@nestjs/graphql';

/** Completion scale of the Open Government Partnership's Independent Reporting Mechanism, lowest first. */
export enum CompletionLevel {
  NO_EVIDENCE = 'NO_EVIDENCE',
  NOT_STARTED = 'NOT_STARTED',
  LIMITED = 'LIMITED',
  SUBSTANTIAL = 'SUBSTANTIAL',
  COMPLETE = 'COMPLETE',
}

export const COMPLETION_LEVELS = Object.values(CompletionLevel);

registerEnumType(CompletionLevel, {
  name: 'CompletionLevel',
  description: "Completion scale of the Open Government Partnership's Independent Reporting Mechanism.",
});
