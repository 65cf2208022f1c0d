import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, isLeafType, isNonNullType } from 'graphql';
import { IS_PUBLIC, REQUIRES_ADMIN } from '@coord/core';
import { TestApp } from '@coord/testing';

/**
 * Every Query and Mutation is guarded: the global AccessGuard requires a signed-in user unless the operation
 * is marked @Public(). This test lists each operation's access level and fails when one changes or a new
 * operation appears without being declared here, so that opening an operation to anonymous callers is
 * always a visible decision. (Record-level rules are the services' and are tested per feature.)
 */
const PUBLIC_OPERATIONS = [
  // Sign-in flow.
  'Mutation.login',
  'Mutation.logout',
  'Mutation.refreshToken',
  'Query.me',
  // Onboarding and recovery: the link's token is the credential (rate limited like login).
  'Mutation.acceptInvitation',
  'Mutation.requestPasswordReset',
  'Mutation.resetPassword',
  // Public bodies and their meetings, commitments and reports are readable by anyone; the services filter.
  'Query.actionItem',
  'Query.actionItems',
  'Query.commitmentProgress',
  'Query.coordinationBodies',
  'Query.coordinationBody',
  'Query.frameworkTargets',
  'Query.meeting',
  'Query.meetingSeries',
  'Query.participation',
  // Issue 17: a public body's reporting cycles (the services filter).
  'Query.reportingCycle',
  'Query.outreachReach',
  'Query.participationBySector',
];

const ADMIN_OPERATIONS = [
  'Mutation.createOrganization',
  'Mutation.createUser',
  'Mutation.erasePerson',
  'Mutation.retryFailedReminderJob',
  'Mutation.setUserActive',
  'Mutation.updateOrganization',
  'Query.auditLog',
  'Query.failedReminderJobs',
  'Query.users',
  'Query.verifyAuditLog',
];

describe('every GraphQL operation has a declared access level', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create();
  });
  afterAll(() => t.close());

  function operations() {
    const discovery = new DiscoveryService(t.app.get(ModulesContainer));
    const scanner = new MetadataScanner();
    const reflector = new Reflector();
    const found: Array<{ name: string; access: 'public' | 'admin' | 'signed-in' }> = [];
    for (const wrapper of discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[method];
        const type = Reflect.getMetadata('graphql:resolver_type', handler) as string | undefined;
        if (type !== 'Query' && type !== 'Mutation') continue;
        const field = (Reflect.getMetadata('graphql:resolver_name', handler) as string | undefined) ?? method;
        const targets = [handler, wrapper.metatype as object];
        const access = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets as never)
          ? 'public'
          : reflector.getAllAndOverride<boolean>(REQUIRES_ADMIN, targets as never)
            ? 'admin'
            : 'signed-in';
        found.push({ name: `${type}.${field}`, access });
      }
    }
    return found;
  }

  it('opens to anonymous callers exactly the declared operations', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(30);
    expect(
      ops
        .filter((o) => o.access === 'public')
        .map((o) => o.name)
        .sort(),
    ).toEqual([...PUBLIC_OPERATIONS].sort());
  });

  it('reserves the declared operations to platform admins', () => {
    expect(
      operations()
        .filter((o) => o.access === 'admin')
        .map((o) => o.name)
        .sort(),
    ).toEqual([...ADMIN_OPERATIONS].sort());
  });

  it('refuses every other query without a token (UNAUTHENTICATED)', async () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const queryFields = schema.getQueryType()!.getFields();
    const guarded = operations().filter((o) => o.access !== 'public' && o.name.startsWith('Query.'));
    let checked = 0;
    for (const op of guarded) {
      const field = queryFields[op.name.split('.')[1]];
      if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
      const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
      const res = await t.gql(`{ ${field.name} ${selection} }`);
      expect({ op: op.name, code: res.errors?.[0]?.extensions?.code }).toEqual({
        op: op.name,
        code: 'UNAUTHENTICATED',
      });
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});
