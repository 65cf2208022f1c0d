import { graphql } from '../gql';

export const CyclesDoc = graphql(`
  query ConsoleCycles($bodyId: ID!) {
    coordinationBody(id: $bodyId) {
      id
      reportingCycles {
        id
        title
        periodFrom
        periodTo
        dueOn
        missing
      }
    }
  }
`);

export const CycleDoc = graphql(`
  query ConsoleCycle($id: ID!) {
    reportingCycle(id: $id) {
      id
      title
      periodFrom
      periodTo
      dueOn
      missing
      body {
        id
      }
      reports {
        id
        status
        rating
        narrative
        reviewNote
        submittedAt
        submittedBy {
          id
          fullName
        }
        body {
          id
          name
        }
      }
    }
  }
`);

export const OpenCycleDoc = graphql(`
  mutation ConsoleOpenCycle($input: ReportingCycleInput!) {
    openReportingCycle(input: $input) {
      id
      title
      periodFrom
      periodTo
      dueOn
      missing
    }
  }
`);

export const ReviewReportDoc = graphql(`
  mutation ConsoleReviewReport($id: ID!, $accept: Boolean!, $note: String) {
    reviewReport(id: $id, accept: $accept, note: $note) {
      id
      status
      reviewNote
    }
  }
`);

/** Reports a cycle still waits for: not yet submitted, nor accepted (as the API's `missing` counts them). */
export const isMissing = (status: string) => status !== 'SUBMITTED' && status !== 'ACCEPTED';

export interface CycleDraft {
  title: string;
  periodFrom: string;
  periodTo: string;
  dueOn: string;
}

/** The checks the API makes, in the same words' places (field names as the API gives them). */
export function cycleProblems(d: CycleDraft): Array<{ field: string; key: string }> {
  const problems: Array<{ field: string; key: string }> = [];
  if (!d.title.trim()) problems.push({ field: 'title', key: 'cycles.titleRequired' });
  if (!d.periodFrom) problems.push({ field: 'periodFrom', key: 'cycles.dateRequired' });
  if (!d.periodTo) problems.push({ field: 'periodTo', key: 'cycles.dateRequired' });
  else if (d.periodFrom && d.periodTo < d.periodFrom) problems.push({ field: 'periodTo', key: 'cycles.toBeforeFrom' });
  if (!d.dueOn) problems.push({ field: 'dueOn', key: 'cycles.dateRequired' });
  else if (d.periodFrom && d.dueOn < d.periodFrom) problems.push({ field: 'dueOn', key: 'cycles.dueBeforeFrom' });
  return problems;
}
