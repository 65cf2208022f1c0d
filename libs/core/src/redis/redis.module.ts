import { Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * A shared Redis client for short-lived state (rate-limit counters, health). It does not queue commands
 * while Redis is away (enableOfflineQueue: false), so callers fail fast instead of hanging.
 */
@Injectable()
export class RedisClient implements OnModuleInit, OnApplicationShutdown {
  readonly client: Redis;
  readonly prefix: string;
  constructor(@Inject(AppConfig) config: AppConfig) {
    this.prefix = `${config.REDIS_PREFIX}:`;
    this.client = new Redis(config.REDIS_URL, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.client.on('error', () => undefined); // reconnects by itself; health reports the state
  }
  /**
   * Gives the first connection a moment before the app serves requests: without the offline queue, a command
   * sent before the connection is ready fails (and a rate limit would be skipped). Start-up does not wait
   * longer than that for a Redis that is down.
   */
  async onModuleInit(): Promise<void> {
    if (this.client.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.client.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, 3000);
      this.client.once('ready', done);
    });
  }

  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }
  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }
  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
