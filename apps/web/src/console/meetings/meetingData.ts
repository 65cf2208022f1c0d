import { graphql } from '../../gql';
import type { MeetingConsoleQuery } from '../../gql/graphql';

export const MeetingConsoleDoc = graphql(`
  query MeetingConsole($id: ID!) {
    meeting(id: $id) {
      id
      title
      kind
      status
      startsAt
      endsAt
      timezone
      location
      body {
        id
        name
      }
      agenda {
        id
        position
        title
        description
        durationMinutes
        presenter {
          id
          fullName
        }
      }
      participants {
        rsvp
        attendance
        voting
        isMember
        person {
          id
          fullName
        }
        standingInFor {
          id
          fullName
        }
        organization {
          id
          name
          sector
        }
      }
      quorum {
        counted
        met
        required
        votingMembers
      }
      quorumAtRisk
      decisions {
        id
        text
        withdrawnAt
        withdrawalReason
        agendaItem {
          id
          title
        }
        actionItems {
          id
          title
          dueOn
        }
      }
      mattersArising {
        id
        title
        dueOn
        status
      }
      minutes {
        id
        status
        text
        circulatedAt
        adoptedAt
      }
    }
  }
`);

export type MeetingData = NonNullable<MeetingConsoleQuery['meeting']>;
