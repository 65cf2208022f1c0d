import { Column, CreateDateColumn, Entity } from 'typeorm';

/** A person following an item (never shown to anyone else). */
@Entity({ name: 'action_item_followers' })
export class ActionItemFollower {
  @Column({ name: 'action_item_id', type: 'uuid', primary: true })
  actionItemId: string;

  @Column({ name: 'person_id', type: 'uuid', primary: true })
  personId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
