import { Inject, Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { DomainError, ErrorCode, msg } from '../errors/domain-error';
import { RedisClient } from '../redis/redis.module';

/** A Redis that accepts the connection but does not answer must not hold a sign-in for long. */
const REDIS_TIMEOUT_MS = 2000;

/**
 * Rate-limit counters in Redis, so that every API instance shares them (the API scales out). One atomic
 * operation per hit (@nest-lab/throttler-storage-redis: a Lua script counts, sets the window and the block).
 * Fails closed: if Redis cannot count the attempt, the attempt is refused with a retryable SERVICE_UNAVAILABLE,
 * since an outage must not switch the limit off (guessing passwords while Redis is down).
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private readonly store: ThrottlerStorageRedisService;

  constructor(@Inject(RedisClient) private readonly redis: RedisClient) {
    this.store = new ThrottlerStorageRedisService(redis.client);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, name: string) {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.store.increment(this.redis.key('throttle', key), ttl, limit, blockDuration || ttl, name),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer in ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.logger.warn(`attempt refused, Redis cannot count it: ${(error as Error).message}`);
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, msg('error.core.auth.attemptsCannotCountedMoment'), {
        retryable: true,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}
