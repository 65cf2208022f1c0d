import DataLoader from 'dataloader';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user';

/**
 * Per-request DataLoaders, created lazily by name: every resolver that reads a nested field asks
 * `ctx.loaders.get('organization.byId', batchFn)` and all the keys of one request go to one batchFn call.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<any, any>>();

  get<K, V>(
    name: string,
    batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
    options?: DataLoader.Options<K, V, any>,
  ) {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V, any>(batch, { maxBatchSize: 1000, ...options });
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Per-request memo for things like "the memberships of the signed-in user". */
export class RequestMemo {
  private readonly values = new Map<string, Promise<unknown>>();
  once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let value = this.values.get(key) as Promise<T> | undefined;
    if (!value) {
      value = compute();
      this.values.set(key, value);
    }
    return value;
  }
  has(key: string): boolean {
    return this.values.has(key);
  }
}

export interface GraphQLRequestContext {
  req: Request & { user?: AuthUser | null; id?: string };
  res: Response;
  loaders: RequestLoaders;
  memo: RequestMemo;
}

export function createRequestContext({ req, res }: { req: any; res: any }): GraphQLRequestContext {
  return { req, res, loaders: new RequestLoaders(), memo: new RequestMemo() };
}

/** Orders batch results to match keys; missing keys get `fallback` (null by default). */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K, fallback: V | null = null) {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? fallback) as V[];
}

/** Groups batch results per key, for one-to-many nested fields. */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}
