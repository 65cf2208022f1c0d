/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query UnreadCount {\n    notifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n': typeof types.UnreadCountDocument;
  '\n  query MyActionItems($status: [ActionStatus!]) {\n    myActionItems(first: 100, status: $status) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          status\n          isOverdue\n          isCommitment\n          dueOn\n          progressPercent\n          body {\n            id\n            name\n          }\n          ownerOrganization {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n': typeof types.MyActionItemsDocument;
  '\n  query MyUpcomingMeetings {\n    myUpcomingMeetings(first: 50) {\n      edges {\n        node {\n          id\n          title\n          status\n          startsAt\n          timezone\n          location\n          body {\n            id\n            name\n          }\n          participants {\n            rsvp\n            person {\n              id\n            }\n          }\n        }\n      }\n    }\n    me {\n      id\n      person {\n        id\n      }\n    }\n    myCalendarFeeds {\n      id\n      createdAt\n      revokedAt\n    }\n  }\n': typeof types.MyUpcomingMeetingsDocument;
  '\n  mutation CreateCalendarFeed {\n    createCalendarFeedToken {\n      id\n      url\n      createdAt\n    }\n  }\n': typeof types.CreateCalendarFeedDocument;
  '\n  query MyNotifications($unreadOnly: Boolean) {\n    notifications(first: 50, unreadOnly: $unreadOnly) {\n      unreadCount\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          createdAt\n          readAt\n          meeting {\n            id\n          }\n          actionItem {\n            id\n          }\n        }\n      }\n    }\n  }\n': typeof types.MyNotificationsDocument;
  '\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n': typeof types.MarkNotificationsReadDocument;
  '\n  query MyPreferences {\n    me {\n      id\n      email\n      locale\n      emailDelivery\n    }\n  }\n': typeof types.MyPreferencesDocument;
  '\n  mutation ReportProgress($id: ID!, $input: ActionProgressInput!) {\n    reportProgress(id: $id, input: $input) {\n      id\n      status\n      progressPercent\n      isOverdue\n      completedAt\n      updates {\n        id\n        createdAt\n        note\n        progressPercent\n        status\n        author {\n          id\n          fullName\n        }\n      }\n    }\n  }\n': typeof types.ReportProgressDocument;
  '\n  mutation RespondToInvitation($meetingId: ID!, $rsvp: Rsvp!) {\n    respondToInvitation(meetingId: $meetingId, rsvp: $rsvp) {\n      rsvp\n      person {\n        id\n      }\n    }\n  }\n': typeof types.RespondToInvitationDocument;
  '\n  query ActionItemPage($id: ID!) {\n    actionItem(id: $id) {\n      id\n      title\n      description\n      status\n      priority\n      progressPercent\n      isOverdue\n      isCommitment\n      dueOn\n      completedAt\n      body {\n        id\n        name\n        timezone\n      }\n      ownerOrganization {\n        id\n        name\n      }\n      ownerPerson {\n        id\n        fullName\n      }\n      frameworkTargets {\n        code\n        title\n      }\n      updates {\n        id\n        createdAt\n        note\n        progressPercent\n        status\n        author {\n          id\n          fullName\n        }\n      }\n    }\n  }\n': typeof types.ActionItemPageDocument;
  '\n  query BodyPage($id: ID!, $from: DateTime!) {\n    coordinationBody(id: $id) {\n      id\n      name\n      acronym\n      description\n      kind\n      level\n      status\n      countryCode\n      subdivisionCode\n      establishedOn\n      timezone\n      leadOrganization {\n        id\n        name\n      }\n      secretariatOrganization {\n        id\n        name\n      }\n      parent {\n        id\n        name\n      }\n      children {\n        id\n        name\n        kind\n      }\n      memberships {\n        id\n        role\n        person {\n          id\n          fullName\n        }\n        organization {\n          id\n          name\n        }\n      }\n      currentTermsOfReference {\n        id\n        version\n        adoptedOn\n        mandate\n        objectives\n        functions\n        meetingFrequency\n        decisionRule\n        quorumFraction\n      }\n      meetings(from: $from, first: 5) {\n        edges {\n          node {\n            id\n            title\n            startsAt\n            timezone\n            status\n            location\n          }\n        }\n      }\n      actionItems(filter: { isCommitment: true }, first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            title\n            status\n            isOverdue\n            dueOn\n            progressPercent\n            ownerOrganization {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n': typeof types.BodyPageDocument;
  '\n  query CommitmentProgress($groupBy: ProgressGrouping!) {\n    commitmentProgress(groupBy: $groupBy) {\n      key\n      label\n      total\n      done\n      overdue\n      averageProgressPercent\n    }\n  }\n': typeof types.CommitmentProgressDocument;
  '\n  query Directory($filter: CoordinationBodyFilter, $first: Int) {\n    coordinationBodies(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          acronym\n          kind\n          level\n          status\n          subdivisionCode\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n': typeof types.DirectoryDocument;
  '\n  query DirectoryCounties {\n    coordinationBodies(first: 100, filter: { level: SUBNATIONAL }) {\n      edges {\n        node {\n          id\n          subdivisionCode\n        }\n      }\n    }\n  }\n': typeof types.DirectoryCountiesDocument;
  '\n  query MeetingPage($id: ID!) {\n    meeting(id: $id) {\n      id\n      title\n      kind\n      status\n      startsAt\n      endsAt\n      timezone\n      location\n      onlineUrl\n      cancelReason\n      body {\n        id\n        name\n      }\n      agenda {\n        id\n        position\n        title\n        description\n      }\n      participants {\n        rsvp\n        person {\n          id\n          fullName\n        }\n        organization {\n          id\n          name\n        }\n      }\n      decisions {\n        id\n        text\n      }\n    }\n    me {\n      id\n      person {\n        id\n      }\n    }\n  }\n': typeof types.MeetingPageDocument;
};
const documents: Documents = {
  '\n  query UnreadCount {\n    notifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n':
    types.UnreadCountDocument,
  '\n  query MyActionItems($status: [ActionStatus!]) {\n    myActionItems(first: 100, status: $status) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          status\n          isOverdue\n          isCommitment\n          dueOn\n          progressPercent\n          body {\n            id\n            name\n          }\n          ownerOrganization {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n':
    types.MyActionItemsDocument,
  '\n  query MyUpcomingMeetings {\n    myUpcomingMeetings(first: 50) {\n      edges {\n        node {\n          id\n          title\n          status\n          startsAt\n          timezone\n          location\n          body {\n            id\n            name\n          }\n          participants {\n            rsvp\n            person {\n              id\n            }\n          }\n        }\n      }\n    }\n    me {\n      id\n      person {\n        id\n      }\n    }\n    myCalendarFeeds {\n      id\n      createdAt\n      revokedAt\n    }\n  }\n':
    types.MyUpcomingMeetingsDocument,
  '\n  mutation CreateCalendarFeed {\n    createCalendarFeedToken {\n      id\n      url\n      createdAt\n    }\n  }\n':
    types.CreateCalendarFeedDocument,
  '\n  query MyNotifications($unreadOnly: Boolean) {\n    notifications(first: 50, unreadOnly: $unreadOnly) {\n      unreadCount\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          createdAt\n          readAt\n          meeting {\n            id\n          }\n          actionItem {\n            id\n          }\n        }\n      }\n    }\n  }\n':
    types.MyNotificationsDocument,
  '\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n':
    types.MarkNotificationsReadDocument,
  '\n  query MyPreferences {\n    me {\n      id\n      email\n      locale\n      emailDelivery\n    }\n  }\n':
    types.MyPreferencesDocument,
  '\n  mutation ReportProgress($id: ID!, $input: ActionProgressInput!) {\n    reportProgress(id: $id, input: $input) {\n      id\n      status\n      progressPercent\n      isOverdue\n      completedAt\n      updates {\n        id\n        createdAt\n        note\n        progressPercent\n        status\n        author {\n          id\n          fullName\n        }\n      }\n    }\n  }\n':
    types.ReportProgressDocument,
  '\n  mutation RespondToInvitation($meetingId: ID!, $rsvp: Rsvp!) {\n    respondToInvitation(meetingId: $meetingId, rsvp: $rsvp) {\n      rsvp\n      person {\n        id\n      }\n    }\n  }\n':
    types.RespondToInvitationDocument,
  '\n  query ActionItemPage($id: ID!) {\n    actionItem(id: $id) {\n      id\n      title\n      description\n      status\n      priority\n      progressPercent\n      isOverdue\n      isCommitment\n      dueOn\n      completedAt\n      body {\n        id\n        name\n        timezone\n      }\n      ownerOrganization {\n        id\n        name\n      }\n      ownerPerson {\n        id\n        fullName\n      }\n      frameworkTargets {\n        code\n        title\n      }\n      updates {\n        id\n        createdAt\n        note\n        progressPercent\n        status\n        author {\n          id\n          fullName\n        }\n      }\n    }\n  }\n':
    types.ActionItemPageDocument,
  '\n  query BodyPage($id: ID!, $from: DateTime!) {\n    coordinationBody(id: $id) {\n      id\n      name\n      acronym\n      description\n      kind\n      level\n      status\n      countryCode\n      subdivisionCode\n      establishedOn\n      timezone\n      leadOrganization {\n        id\n        name\n      }\n      secretariatOrganization {\n        id\n        name\n      }\n      parent {\n        id\n        name\n      }\n      children {\n        id\n        name\n        kind\n      }\n      memberships {\n        id\n        role\n        person {\n          id\n          fullName\n        }\n        organization {\n          id\n          name\n        }\n      }\n      currentTermsOfReference {\n        id\n        version\n        adoptedOn\n        mandate\n        objectives\n        functions\n        meetingFrequency\n        decisionRule\n        quorumFraction\n      }\n      meetings(from: $from, first: 5) {\n        edges {\n          node {\n            id\n            title\n            startsAt\n            timezone\n            status\n            location\n          }\n        }\n      }\n      actionItems(filter: { isCommitment: true }, first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            title\n            status\n            isOverdue\n            dueOn\n            progressPercent\n            ownerOrganization {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n':
    types.BodyPageDocument,
  '\n  query CommitmentProgress($groupBy: ProgressGrouping!) {\n    commitmentProgress(groupBy: $groupBy) {\n      key\n      label\n      total\n      done\n      overdue\n      averageProgressPercent\n    }\n  }\n':
    types.CommitmentProgressDocument,
  '\n  query Directory($filter: CoordinationBodyFilter, $first: Int) {\n    coordinationBodies(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          acronym\n          kind\n          level\n          status\n          subdivisionCode\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n':
    types.DirectoryDocument,
  '\n  query DirectoryCounties {\n    coordinationBodies(first: 100, filter: { level: SUBNATIONAL }) {\n      edges {\n        node {\n          id\n          subdivisionCode\n        }\n      }\n    }\n  }\n':
    types.DirectoryCountiesDocument,
  '\n  query MeetingPage($id: ID!) {\n    meeting(id: $id) {\n      id\n      title\n      kind\n      status\n      startsAt\n      endsAt\n      timezone\n      location\n      onlineUrl\n      cancelReason\n      body {\n        id\n        name\n      }\n      agenda {\n        id\n        position\n        title\n        description\n      }\n      participants {\n        rsvp\n        person {\n          id\n          fullName\n        }\n        organization {\n          id\n          name\n        }\n      }\n      decisions {\n        id\n        text\n      }\n    }\n    me {\n      id\n      person {\n        id\n      }\n    }\n  }\n':
    types.MeetingPageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query UnreadCount {\n    notifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n',
): (typeof documents)['\n  query UnreadCount {\n    notifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MyActionItems($status: [ActionStatus!]) {\n    myActionItems(first: 100, status: $status) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          status\n          isOverdue\n          isCommitment\n          dueOn\n          progressPercent\n          body {\n            id\n            name\n          }\n          ownerOrganization {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query MyActionItems($status: [ActionStatus!]) {\n    myActionItems(first: 100, status: $status) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          status\n          isOverdue\n          isCommitment\n          dueOn\n          progressPercent\n          body {\n            id\n            name\n          }\n          ownerOrganization {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MyUpcomingMeetings {\n    myUpcomingMeetings(first: 50) {\n      edges {\n        node {\n          id\n          title\n          status\n          startsAt\n          timezone\n          location\n          body {\n            id\n            name\n          }\n          participants {\n            rsvp\n            person {\n              id\n            }\n          }\n        }\n      }\n    }\n    me {\n      id\n      person {\n        id\n      }\n    }\n    myCalendarFeeds {\n      id\n      createdAt\n      revokedAt\n    }\n  }\n',
): (typeof documents)['\n  query MyUpcomingMeetings {\n    myUpcomingMeetings(first: 50) {\n      edges {\n        node {\n          id\n          title\n          status\n          startsAt\n          timezone\n          location\n          body {\n            id\n            name\n          }\n          participants {\n            rsvp\n            person {\n              id\n            }\n          }\n        }\n      }\n    }\n    me {\n      id\n      person {\n        id\n      }\n    }\n    myCalendarFeeds {\n      id\n      createdAt\n      revokedAt\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateCalendarFeed {\n    createCalendarFeedToken {\n      id\n      url\n      createdAt\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateCalendarFeed {\n    createCalendarFeedToken {\n      id\n      url\n      createdAt\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MyNotifications($unreadOnly: Boolean) {\n    notifications(first: 50, unreadOnly: $unreadOnly) {\n      unreadCount\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          createdAt\n          readAt\n          meeting {\n            id\n          }\n          actionItem {\n            id\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query MyNotifications($unreadOnly: Boolean) {\n    notifications(first: 50, unreadOnly: $unreadOnly) {\n      unreadCount\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          createdAt\n          readAt\n          meeting {\n            id\n          }\n          actionItem {\n            id\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n',
): (typeof documents)['\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MyPreferences {\n    me {\n      id\n      email\n      locale\n      emailDelivery\n    }\n  }\n',
): (typeof documents)['\n  query MyPreferences {\n    me {\n      id\n      email\n      locale\n      emailDelivery\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ReportProgress($id: ID!, $input: ActionProgressInput!) {\n    reportProgress(id: $id, input: $input) {\n      id\n      status\n      progressPercent\n      isOverdue\n      completedAt\n      updates {\n        id\n        createdAt\n        note\n        progressPercent\n        status\n        author {\n          id\n          fullName\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ReportProgress($id: ID!, $input: ActionProgressInput!) {\n    reportProgress(id: $id, input: $input) {\n      id\n      status\n      progressPercent\n      isOverdue\n      completedAt\n      updates {\n        id\n        createdAt\n        note\n        progressPercent\n        status\n        author {\n          id\n          fullName\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RespondToInvitation($meetingId: ID!, $rsvp: Rsvp!) {\n    respondToInvitation(meetingId: $meetingId, rsvp: $rsvp) {\n      rsvp\n      person {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation RespondToInvitation($meetingId: ID!, $rsvp: Rsvp!) {\n    respondToInvitation(meetingId: $meetingId, rsvp: $rsvp) {\n      rsvp\n      person {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ActionItemPage($id: ID!) {\n    actionItem(id: $id) {\n      id\n      title\n      description\n      status\n      priority\n      progressPercent\n      isOverdue\n      isCommitment\n      dueOn\n      completedAt\n      body {\n        id\n        name\n        timezone\n      }\n      ownerOrganization {\n        id\n        name\n      }\n      ownerPerson {\n        id\n        fullName\n      }\n      frameworkTargets {\n        code\n        title\n      }\n      updates {\n        id\n        createdAt\n        note\n        progressPercent\n        status\n        author {\n          id\n          fullName\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ActionItemPage($id: ID!) {\n    actionItem(id: $id) {\n      id\n      title\n      description\n      status\n      priority\n      progressPercent\n      isOverdue\n      isCommitment\n      dueOn\n      completedAt\n      body {\n        id\n        name\n        timezone\n      }\n      ownerOrganization {\n        id\n        name\n      }\n      ownerPerson {\n        id\n        fullName\n      }\n      frameworkTargets {\n        code\n        title\n      }\n      updates {\n        id\n        createdAt\n        note\n        progressPercent\n        status\n        author {\n          id\n          fullName\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query BodyPage($id: ID!, $from: DateTime!) {\n    coordinationBody(id: $id) {\n      id\n      name\n      acronym\n      description\n      kind\n      level\n      status\n      countryCode\n      subdivisionCode\n      establishedOn\n      timezone\n      leadOrganization {\n        id\n        name\n      }\n      secretariatOrganization {\n        id\n        name\n      }\n      parent {\n        id\n        name\n      }\n      children {\n        id\n        name\n        kind\n      }\n      memberships {\n        id\n        role\n        person {\n          id\n          fullName\n        }\n        organization {\n          id\n          name\n        }\n      }\n      currentTermsOfReference {\n        id\n        version\n        adoptedOn\n        mandate\n        objectives\n        functions\n        meetingFrequency\n        decisionRule\n        quorumFraction\n      }\n      meetings(from: $from, first: 5) {\n        edges {\n          node {\n            id\n            title\n            startsAt\n            timezone\n            status\n            location\n          }\n        }\n      }\n      actionItems(filter: { isCommitment: true }, first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            title\n            status\n            isOverdue\n            dueOn\n            progressPercent\n            ownerOrganization {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query BodyPage($id: ID!, $from: DateTime!) {\n    coordinationBody(id: $id) {\n      id\n      name\n      acronym\n      description\n      kind\n      level\n      status\n      countryCode\n      subdivisionCode\n      establishedOn\n      timezone\n      leadOrganization {\n        id\n        name\n      }\n      secretariatOrganization {\n        id\n        name\n      }\n      parent {\n        id\n        name\n      }\n      children {\n        id\n        name\n        kind\n      }\n      memberships {\n        id\n        role\n        person {\n          id\n          fullName\n        }\n        organization {\n          id\n          name\n        }\n      }\n      currentTermsOfReference {\n        id\n        version\n        adoptedOn\n        mandate\n        objectives\n        functions\n        meetingFrequency\n        decisionRule\n        quorumFraction\n      }\n      meetings(from: $from, first: 5) {\n        edges {\n          node {\n            id\n            title\n            startsAt\n            timezone\n            status\n            location\n          }\n        }\n      }\n      actionItems(filter: { isCommitment: true }, first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            title\n            status\n            isOverdue\n            dueOn\n            progressPercent\n            ownerOrganization {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CommitmentProgress($groupBy: ProgressGrouping!) {\n    commitmentProgress(groupBy: $groupBy) {\n      key\n      label\n      total\n      done\n      overdue\n      averageProgressPercent\n    }\n  }\n',
): (typeof documents)['\n  query CommitmentProgress($groupBy: ProgressGrouping!) {\n    commitmentProgress(groupBy: $groupBy) {\n      key\n      label\n      total\n      done\n      overdue\n      averageProgressPercent\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Directory($filter: CoordinationBodyFilter, $first: Int) {\n    coordinationBodies(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          acronym\n          kind\n          level\n          status\n          subdivisionCode\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Directory($filter: CoordinationBodyFilter, $first: Int) {\n    coordinationBodies(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          acronym\n          kind\n          level\n          status\n          subdivisionCode\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query DirectoryCounties {\n    coordinationBodies(first: 100, filter: { level: SUBNATIONAL }) {\n      edges {\n        node {\n          id\n          subdivisionCode\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query DirectoryCounties {\n    coordinationBodies(first: 100, filter: { level: SUBNATIONAL }) {\n      edges {\n        node {\n          id\n          subdivisionCode\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MeetingPage($id: ID!) {\n    meeting(id: $id) {\n      id\n      title\n      kind\n      status\n      startsAt\n      endsAt\n      timezone\n      location\n      onlineUrl\n      cancelReason\n      body {\n        id\n        name\n      }\n      agenda {\n        id\n        position\n        title\n        description\n      }\n      participants {\n        rsvp\n        person {\n          id\n          fullName\n        }\n        organization {\n          id\n          name\n        }\n      }\n      decisions {\n        id\n        text\n      }\n    }\n    me {\n      id\n      person {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  query MeetingPage($id: ID!) {\n    meeting(id: $id) {\n      id\n      title\n      kind\n      status\n      startsAt\n      endsAt\n      timezone\n      location\n      onlineUrl\n      cancelReason\n      body {\n        id\n        name\n      }\n      agenda {\n        id\n        position\n        title\n        description\n      }\n      participants {\n        rsvp\n        person {\n          id\n          fullName\n        }\n        organization {\n          id\n          name\n        }\n      }\n      decisions {\n        id\n        text\n      }\n    }\n    me {\n      id\n      person {\n        id\n      }\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
