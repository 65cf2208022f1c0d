import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  Clock,
  content,
  day,
  DigestContributorRegistry,
  DigestEntry,
  DigestWindow,
  DueReminder,
  localizedText,
  MessageKey,
  MessageValue,
  ReminderHandlerRegistry,
  ReminderMessage,
  todayIn,
} from '@coord/core';
import { CoordinationBody, RegistryReadService } from '@coord/registry';
import { EntityManager, In } from 'typeorm';
import { ActionItem } from './action-item.entity';
import { ActionReminderKind } from './action.enums';
import { FOCAL_POINTS_OF_ITEM_SQL } from './reporting-rule';
import { isClosed } from './actions.rules';

const ESCALATION_ROLES = ['CHAIR', 'CO_CHAIR', 'SECRETARIAT'];
/** Told of an assignment nobody of the owner organization will hear of (no focal point in its reporting line). */
const UNREPRESENTED_ROLES = ['SECRETARIAT'];
const UNREPRESENTED_FALLBACK_ROLES = ['CHAIR', 'CO_CHAIR'];

/**
 * Registered with core's ReminderHandlerRegistry: turns a due action reminder into messages from the item's state
 * at delivery time (nothing once the item is DONE or CANCELLED, its due date moved or its owner changed). Also
 * contributes the owners' items due within the week and overdue to the weekly digest.
 */
@Injectable()
export class ActionReminderHandlers implements OnModuleInit {
  constructor(
    @Inject(ReminderHandlerRegistry) private readonly handlers: ReminderHandlerRegistry,
    @Inject(DigestContributorRegistry) private readonly digest: DigestContributorRegistry,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
  ) {}

  onModuleInit() {
    this.handlers.register({
      kinds: Object.values(ActionReminderKind),
      messagesFor: (intent, em) => this.messagesFor(intent, em),
      messagesForMany: (intents, em) => this.messagesForMany(intents, em),
    });
    this.digest.register({ name: 'actions', entries: (window, em) => this.digestEntries(window, em) });
  }

  async messagesFor(intent: DueReminder, em: EntityManager, now = this.clock.now()): Promise<ReminderMessage[]> {
    return (await this.messagesForMany([intent], em, now)).get(intent.id) ?? [];
  }

  /**
   * The messages of many due intents, from their items' state now, in at most four queries whatever their number
   * (items, bodies, focal points of owner organizations, escalation roles): a delivery batch reads them at once.
   */
  async messagesForMany(
    intents: DueReminder[],
    em: EntityManager,
    now = this.clock.now(),
  ): Promise<Map<string, ReminderMessage[]>> {
    const result = new Map<string, ReminderMessage[]>();
    const itemIds = [...new Set(intents.map((intent) => intent.subjectId))];
    const items = new Map(
      (itemIds.length ? await em.find(ActionItem, { where: { id: In(itemIds) } }) : []).map((item) => [item.id, item]),
    );
    const bodyIds = [...new Set([...items.values()].map((item) => item.bodyId))];
    const bodies = new Map(
      (bodyIds.length ? await em.find(CoordinationBody, { where: { id: In(bodyIds) } }) : []).map((body) => [
        body.id,
        body,
      ]),
    );

    type Planned = { intent: DueReminder; item: ActionItem; body: CoordinationBody; today: string; escalate: boolean };
    const planned: Planned[] = [];
    for (const intent of intents) {
      const item = items.get(intent.subjectId);
      const body = item && bodies.get(item.bodyId);
      if (!item || !body || isClosed(item.status)) continue;
      const payload = intent.payload ?? {};
      const today = todayIn(body.timezone, now);
      const overdue = !!item.dueOn && item.dueOn < today;
      const applies =
        intent.kind === ActionReminderKind.ASSIGNED
          ? payload.ownerPersonId === item.ownerPersonId && payload.ownerOrganizationId === item.ownerOrganizationId
          : intent.kind === ActionReminderKind.DUE
            ? payload.dueOn === item.dueOn
            : intent.kind === ActionReminderKind.OVERDUE || intent.kind === ActionReminderKind.ESCALATED
              ? payload.dueOn === item.dueOn && overdue
              : false;
      if (applies) planned.push({ intent, item, body, today, escalate: intent.kind === ActionReminderKind.ESCALATED });
    }

    const focal = await this.focalPointsOf(
      em,
      // Items without an owner organization may still have co-owners (joint commitments): the query finds out.
      planned.filter((p) => !p.escalate).map((p) => ({ item: p.item, today: p.today })),
    );
    // An assignment to an organization with no focal point in the item's reporting line reaches nobody of it: the
    // body's secretariat (its chair and co-chair when it has none) is told instead, to seat one or reassign.
    const unrepresented = (p: Planned) =>
      p.intent.kind === ActionReminderKind.ASSIGNED &&
      !!p.item.ownerOrganizationId &&
      !(focal.get(`${p.item.id}|${p.today}`) ?? []).length;
    const escalation = new Map<string, Set<string>>(); // bodyId|day -> chairs, co-chairs and secretariat
    const secretariat = new Map<string, Set<string>>(); // bodyId|day -> secretariat, else chairs
    const seated = await this.registry.activeMembershipsOnDays(
      planned.filter((p) => p.escalate || unrepresented(p)).map((p) => ({ bodyId: p.item.bodyId, day: p.today })),
      em,
    );
    const add = (map: Map<string, Set<string>>, key: string, personId: string) =>
      map.set(key, (map.get(key) ?? new Set()).add(personId));
    for (const m of seated.filter((m) => ESCALATION_ROLES.includes(m.role))) {
      add(escalation, `${m.bodyId}|${m.day}`, m.personId);
      if (UNREPRESENTED_ROLES.includes(m.role)) add(secretariat, `${m.bodyId}|${m.day}`, m.personId);
    }
    for (const m of seated.filter((m) => UNREPRESENTED_FALLBACK_ROLES.includes(m.role))) {
      if (!secretariat.has(`${m.bodyId}|${m.day}`)) add(secretariat, `${m.bodyId}|${m.day}|fallback`, m.personId);
    }
    const secretariatOf = (bodyId: string, day: string) => [
      ...(secretariat.get(`${bodyId}|${day}`) ?? secretariat.get(`${bodyId}|${day}|fallback`) ?? []),
    ];

    for (const p of planned) {
      const { intent, item, body, today, escalate } = p;
      const recipients = escalate
        ? [...(escalation.get(`${item.bodyId}|${today}`) ?? [])]
        : [
            ...new Set([
              ...(item.ownerPersonId ? [item.ownerPersonId] : []),
              ...(focal.get(`${item.id}|${today}`) ?? []),
            ]),
          ];
      // Catalog messages, rendered in each recipient's language at delivery (dates spelt out in that language).
      const dueOn = item.dueOn;
      const values: Record<string, MessageValue> = {
        // In the reader's language when translated (looked up by the delivery, once per batch).
        title: content('ACTION_ITEM', item.id, 'title', item.title),
        body: content('COORDINATION_BODY', body.id, 'name', body.name),
        dueOn: dueOn ? day(dueOn) : null,
        percent: item.progressPercent,
        status: item.status,
        commitment: item.isCommitment ? 'true' : 'false',
      };
      const message = (name: string, bodyKey = `${name}.body`) =>
        localizedText({ key: `${name}.title` as MessageKey, values }, [{ key: bodyKey as MessageKey, values }]);
      let text: Pick<ReminderMessage, 'title' | 'body' | 'text'>;
      switch (intent.kind) {
        case ActionReminderKind.ASSIGNED:
          text = message('action.assigned', dueOn ? 'action.assigned.bodyDue' : 'action.assigned.body');
          break;
        case ActionReminderKind.DUE:
          text = message('action.due');
          break;
        case ActionReminderKind.OVERDUE:
          text = message('action.overdue');
          break;
        default:
          text = message('action.escalated');
      }
      const link = { linkPath: `/action-items/${item.id}`, actionItemId: item.id, meetingId: item.meetingId };
      const messages: ReminderMessage[] = recipients.map((personId) => ({
        personId,
        kind: intent.kind,
        ...text,
        ...link,
      }));
      if (unrepresented(p)) {
        const told = secretariatOf(item.bodyId, today).filter((personId) => !recipients.includes(personId));
        const notice = message('action.noFocalPoint');
        messages.push(...told.map((personId) => ({ personId, kind: intent.kind, ...notice, ...link })));
      }
      result.set(intent.id, messages);
    }
    return result;
  }

  /**
   * Open items due by the end of the digest window, or already overdue, for their owner person and the focal
   * points of their owner organization: one query for everybody (the open-items partial index serves it).
   */
  async digestEntries(window: DigestWindow, em: EntityManager): Promise<DigestEntry[]> {
    const rows: Array<{
      id: string;
      title: string;
      due_on: string;
      body_id: string;
      body_name: string;
      overdue: boolean;
      person_id: string;
    }> = await em.query(
      `SELECT a.id, a.title, a.due_on, b.id AS body_id, b.name AS body_name,
                a.due_on < ($1::timestamptz AT TIME ZONE b.timezone)::date AS overdue, r.person_id
           FROM action_items a
           JOIN coordination_bodies b ON b.id = a.body_id
           JOIN LATERAL (
             SELECT a.owner_person_id AS person_id WHERE a.owner_person_id IS NOT NULL
             UNION
             ${FOCAL_POINTS_OF_ITEM_SQL('a.owner_organization_id', 'a.body_id', '$3::date', 'a.id')}
           ) r ON true
          WHERE a.status NOT IN ('DONE','CANCELLED') AND a.due_on <= ($2::timestamptz AT TIME ZONE b.timezone)::date
          ORDER BY a.due_on, a.id`,
      [window.now, window.until, todayIn('UTC', window.now)],
    );
    return rows.map((r) => ({
      personId: r.person_id,
      section: r.overdue ? 'digest.section.overdueActions' : 'digest.section.actionsDueThisWeek',
      line: {
        key: 'digest.line.action',
        values: {
          title: content('ACTION_ITEM', r.id, 'title', r.title),
          body: content('COORDINATION_BODY', r.body_id, 'name', r.body_name),
          dueOn: day(r.due_on),
        },
      },
      linkPath: `/action-items/${r.id}`,
    }));
  }

  /**
   * For each (item, day): the FOCAL_POINTs active that day answering for the item (reporting-rule.ts: its owner
   * organization's or a co-owner organization's, in its reporting line), keyed `itemId|day`. One query.
   */
  private async focalPointsOf(
    em: EntityManager,
    wanted: Array<{ item: ActionItem; today: string }>,
  ): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    if (wanted.length === 0) return found;
    const rows: Array<{ item_id: string; day: string; person_id: string }> = await em.query(
      `SELECT DISTINCT x.item_id, to_char(x.day, 'YYYY-MM-DD') AS day, f.person_id
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[]) AS x(item_id, organization_id, body_id, day)
         JOIN LATERAL (${FOCAL_POINTS_OF_ITEM_SQL('x.organization_id', 'x.body_id', 'x.day', 'x.item_id')}) f ON true
        ORDER BY x.item_id, f.person_id`,
      [
        wanted.map((w) => w.item.id),
        wanted.map((w) => w.item.ownerOrganizationId),
        wanted.map((w) => w.item.bodyId),
        wanted.map((w) => w.today),
      ],
    );
    for (const row of rows) {
      const key = `${row.item_id}|${row.day}`;
      const people = found.get(key);
      if (people) people.push(row.person_id);
      else found.set(key, [row.person_id]);
    }
    return found;
  }
}
