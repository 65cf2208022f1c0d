import { graphql } from '../gql';
import type { ConsoleItemQuery } from '../gql/graphql';

/** What the console adds to an item's page: co-owners, evidence, assessments, following and translations. */
export const ConsoleItemDoc = graphql(`
  query ConsoleItem($id: ID!) {
    actionItem(id: $id) {
      id
      title
      description
      isCommitment
      viewerCanEdit
      viewerCanReportProgress
      followedByMe
      originalLocale
      completionLevel
      body {
        id
        timezone
      }
      ownerOrganization {
        id
      }
      coOwnerOrganizations {
        id
        name
        sector
      }
      assessments {
        id
        assessedAt
        level
        note
        assessor {
          id
          fullName
        }
      }
      updates {
        id
        createdAt
        note
        evidenceUrls
        author {
          id
          fullName
        }
      }
      translations {
        locale
        field
        text
      }
    }
  }
`);

export type ConsoleItem = NonNullable<ConsoleItemQuery['actionItem']>;

export const FollowDoc = graphql(`
  mutation ConsoleFollow($id: ID!) {
    followActionItem(id: $id) {
      id
      followedByMe
    }
  }
`);

export const UnfollowDoc = graphql(`
  mutation ConsoleUnfollow($id: ID!) {
    unfollowActionItem(id: $id) {
      id
      followedByMe
    }
  }
`);

export const AddEvidenceDoc = graphql(`
  mutation ConsoleAddEvidence($id: ID!, $input: ActionProgressInput!) {
    reportProgress(id: $id, input: $input) {
      id
      updates {
        id
        createdAt
        note
        evidenceUrls
        author {
          id
          fullName
        }
      }
    }
  }
`);

export const AssessDoc = graphql(`
  mutation ConsoleAssess($id: ID!, $level: CompletionLevel!, $note: String!) {
    assessCommitment(id: $id, level: $level, note: $note) {
      id
      completionLevel
      assessments {
        id
        assessedAt
        level
        note
        assessor {
          id
          fullName
        }
      }
    }
  }
`);

export const SetCoOwnersDoc = graphql(`
  mutation ConsoleSetCoOwners($id: ID!, $ids: [ID!]!) {
    updateActionItem(id: $id, input: { coOwnerOrganizationIds: $ids }) {
      id
      coOwnerOrganizations {
        id
        name
        sector
      }
    }
  }
`);

export const OrganizationSearchDoc = graphql(`
  query ConsoleOrganizationSearch($search: String!) {
    organizations(search: $search, first: 10) {
      edges {
        node {
          id
          name
          sector
        }
      }
    }
  }
`);

export const SetTranslationsDoc = graphql(`
  mutation ConsoleSetTranslations(
    $type: TranslatableType!
    $id: ID!
    $locale: String!
    $fields: [ContentTranslationInput!]!
  ) {
    setTranslations(type: $type, id: $id, locale: $locale, fields: $fields) {
      locale
      field
      text
    }
  }
`);

/** Completion levels from the best to none, as the scale reads. */
export const COMPLETION_LEVELS = ['COMPLETE', 'SUBSTANTIAL', 'LIMITED', 'NOT_STARTED', 'NO_EVIDENCE'] as const;

/** The API names an evidence link `input.evidenceUrls[0]`: the errors view keeps `evidenceUrls[0]`. */
export const EVIDENCE_FIELD = 'evidenceUrls[0]';

/** Checks an evidence link as the API does (an absolute http(s) link with a host, no spaces); '' when fine. */
export function evidenceProblem(url: string): 'required' | 'shape' | '' {
  const value = url.trim();
  if (!value) return 'required';
  if (value.length > 2000 || /\s/.test(value) || !/^https?:\/\//i.test(value)) return 'shape';
  try {
    const parsed = new URL(value);
    return parsed.hostname ? '' : 'shape';
  } catch {
    return 'shape';
  }
}

/** Every evidence link of the trail, newest first, with the update it came with. */
export function evidenceOf(item: Pick<ConsoleItem, 'updates'>) {
  return [...item.updates]
    .reverse()
    .flatMap((u) => u.evidenceUrls.map((url) => ({ url, updateId: u.id, createdAt: u.createdAt, author: u.author })));
}
