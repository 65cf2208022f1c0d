import { Inject, Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RedisClient } from '../redis/redis.module';

/**
 * Rate-limit counters in Redis, so that every API instance shares them (the API scales out).
 * If Redis is unreachable the limit is not enforced (logged) rather than refusing every sign-in.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  constructor(@Inject(RedisClient) private readonly redis: RedisClient) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, name: string) {
    const hitsKey = this.redis.key('throttle', name, key);
    const blockKey = `${hitsKey}:blocked`;
    try {
      const blockedFor = await this.redis.client.pttl(blockKey);
      if (blockedFor > 0) {
        return {
          totalHits: limit + 1,
          timeToExpire: Math.ceil(blockedFor / 1000),
          isBlocked: true,
          timeToBlockExpire: Math.ceil(blockedFor / 1000),
        };
      }
      const [[, hits], [, pttl]] = (await this.redis.client.multi().incr(hitsKey).pttl(hitsKey).exec()) as [
        [unknown, number],
        [unknown, number],
      ];
      let expiresIn = pttl;
      if (pttl < 0) {
        await this.redis.client.pexpire(hitsKey, ttl);
        expiresIn = ttl;
      }
      const isBlocked = hits > limit;
      if (isBlocked) await this.redis.client.set(blockKey, '1', 'PX', blockDuration || ttl);
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(expiresIn / 1000),
        isBlocked,
        timeToBlockExpire: isBlocked ? Math.ceil((blockDuration || ttl) / 1000) : 0,
      };
    } catch (error) {
      this.logger.warn(`rate limiting skipped, Redis unavailable: ${(error as Error).message}`);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
