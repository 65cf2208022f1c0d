import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Action items raised at a meeting or from a decision point at them (tables of the meetings feature,
 * migrations/1763900003000-meetings.ts). Kept apart from the action-items migration so that the two features'
 * tables can be created and reverted independently. That the meeting belongs to the item's body, and the
 * decision to the meeting, is checked by the service (ActionItemsService via MeetingLinks).
 */
export class ActionItemMeetingLinks1763900004500 implements MigrationInterface {
  name = 'ActionItemMeetingLinks1763900004500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE action_items ADD CONSTRAINT fk_action_items_meeting FOREIGN KEY (meeting_id) REFERENCES meetings(id)`,
    );
    await q.query(
      `ALTER TABLE action_items ADD CONSTRAINT fk_action_items_decision FOREIGN KEY (decision_id) REFERENCES decisions(id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE action_items DROP CONSTRAINT fk_action_items_decision`);
    await q.query(`ALTER TABLE action_items DROP CONSTRAINT fk_action_items_meeting`);
  }
}
