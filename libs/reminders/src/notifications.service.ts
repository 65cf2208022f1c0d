import { Inject, Injectable } from '@nestjs/common';
import { AuthUser, Connection, Notification, paginate, PageArgs } from '@coord/core';
import { DataSource } from 'typeorm';

export type NotificationConnectionData = Connection<Notification> & { unreadCount: number };

/** The signed-in person's own notifications; a user who is not a person has none. */
@Injectable()
export class NotificationsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(user: AuthUser, args: PageArgs & { unreadOnly?: boolean }): Promise<NotificationConnectionData> {
    if (!user.personId) {
      return { edges: [], totalCount: 0, unreadCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
    }
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.person_id = :personId', { personId: user.personId });
    if (args.unreadOnly) qb.andWhere('n.read_at IS NULL');
    const [page, [{ count }]] = await Promise.all([
      paginate(qb, args, { sortExpression: 'n.created_at', sortValue: (n) => n.createdAt, direction: 'DESC' }),
      this.dataSource.query(
        `SELECT count(*)::int AS count FROM notifications WHERE person_id = $1 AND read_at IS NULL`,
        [user.personId],
      ),
    ]);
    return { ...page, unreadCount: count };
  }

  /**
   * Marks the caller's own notifications read (those read before keep their time) and returns how many of the
   * ids were theirs; ids of other people's notifications, or unknown ones, change nothing and count for nothing.
   */
  async markRead(user: AuthUser, ids: string[]): Promise<number> {
    if (!user.personId || ids.length === 0) return 0;
    const [{ count }] = await this.dataSource.query(
      `WITH marked AS (
         UPDATE notifications SET read_at = COALESCE(read_at, now())
         WHERE id = ANY($1::uuid[]) AND person_id = $2 RETURNING id
       ) SELECT count(*)::int AS count FROM marked`,
      [[...new Set(ids)], user.personId],
    );
    return count;
  }
}
