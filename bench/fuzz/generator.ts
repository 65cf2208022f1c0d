/**
 * Schema-driven generator of hostile GraphQL operations for the fuzz test: from the introspected schema it
 * builds queries and mutations with random selections and arguments that are sometimes right and often
 * wrong (wrong types, missing or unknown fields, huge strings, unicode edge cases, unknown and malformed ids,
 * out-of-range numbers), plus malformed documents, deep nesting and alias bombs. Deterministic: every choice
 * comes from a seeded PRNG.
 */
import type {
  IntrospectionField,
  IntrospectionInputTypeRef,
  IntrospectionInputValue,
  IntrospectionObjectType,
  IntrospectionOutputTypeRef,
  IntrospectionQuery,
  IntrospectionType,
} from 'graphql';

/** mulberry32: small, fast, good enough for test data, and the same sequence for the same seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)];
    },
  };
}
export type Rng = ReturnType<typeof prng>;

export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'lone \udfff surrogate',
  '\u202eRTL override',
  'zero\u200bwidth\u200djoiner',
  'e\u0301\u0301\u0301 combining',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'Ωμέγα ñandú Zürich 東京 مرحبا',
  "O'Reilly; DROP TABLE people; --",
  '%s%n%x',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  'P7D',
  'PT0S',
  '-P1D',
  '2026-02-30',
  '2026-13-01',
  '9999-12-31T23:59:59Z',
  '0000-00-00',
  'not-a-date',
  'Africa/Nairobi',
  'Mars/Olympus_Mons',
  'KE',
  'KE-999',
  'zz',
  'GCM-99',
  'https://example.org/x',
  'javascript:alert(1)',
  'NaN',
  'true',
  '{"json": true}',
];

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const MALFORMED_IDS = ['', 'abc', '1', '00000000-0000-0000-0000-00000000000g', "'; --", '\u0000', 'x'.repeat(300)];

export interface GeneratedOperation {
  kind: 'query' | 'mutation' | 'raw';
  field?: string;
  query: string;
  variables: Record<string, unknown>;
  /** For raw requests: a body that is not a GraphQL JSON document. */
  rawBody?: string;
  contentType?: string;
}

type TypeMap = Map<string, IntrospectionType>;

function unwrap(ref: IntrospectionOutputTypeRef | IntrospectionInputTypeRef): { name: string; kind: string } {
  let r: any = ref;
  while (r.ofType) r = r.ofType;
  return { name: r.name, kind: r.kind };
}

function typeString(ref: IntrospectionInputTypeRef): string {
  const r: any = ref;
  if (r.kind === 'NON_NULL') return `${typeString(r.ofType)}!`;
  if (r.kind === 'LIST') return `[${typeString(r.ofType)}]`;
  return r.name;
}

export class OperationGenerator {
  private readonly types: TypeMap;
  private readonly query: IntrospectionObjectType;
  private readonly mutation: IntrospectionObjectType;
  /** Clean operations use plausible values only, so that some mutations succeed (and their audit is checked). */
  private clean = false;

  constructor(
    schema: IntrospectionQuery,
    private readonly rng: Rng,
    /** Ids of rows that exist, so that some operations get past "not found". */
    private readonly knownIds: string[],
    /** The same by kind (body, person, organization, meeting, item, tor), for clean operations' named ids. */
    private readonly idsByKind: Record<string, string[]> = {},
  ) {
    this.types = new Map(schema.__schema.types.map((t) => [t.name, t]));
    this.query = this.types.get(schema.__schema.queryType.name) as IntrospectionObjectType;
    this.mutation = this.types.get(schema.__schema.mutationType!.name) as IntrospectionObjectType;
  }

  next(): GeneratedOperation {
    const roll = this.rng.next();
    if (roll < 0.45) return this.operation('query');
    if (roll < 0.85) return this.operation('mutation');
    return this.malformed();
  }

  private operation(kind: 'query' | 'mutation'): GeneratedOperation {
    this.clean = this.rng.chance(0.35);
    const root = kind === 'query' ? this.query : this.mutation;
    const field = this.rng.pick(root.fields);
    const variables: Record<string, unknown> = {};
    const declarations: string[] = [];
    const args: string[] = [];
    for (const arg of field.args) {
      const required = (arg.type as any).kind === 'NON_NULL';
      if (!required && this.rng.chance(0.5)) continue;
      if (required && !this.clean && this.rng.chance(0.04)) continue; // a required argument left out
      if (this.clean || this.rng.chance(0.7)) {
        // As a variable: the declared type is right (sometimes deliberately wrong), the value may not be.
        const declared = !this.clean && this.rng.chance(0.05) ? 'String' : typeString(arg.type);
        declarations.push(`$${arg.name}: ${declared}`);
        args.push(`${arg.name}: $${arg.name}`);
        variables[arg.name] = this.value(arg.type, 0, arg.name);
      } else {
        args.push(`${arg.name}: ${this.literal(arg.type, 0, arg.name)}`);
      }
    }
    if (!this.clean && this.rng.chance(0.03)) args.push(`noSuchArgument: 1`);
    const selection = this.selection(field.type, 0);
    const head = declarations.length ? `${kind} Fuzz(${declarations.join(', ')})` : `${kind} Fuzz`;
    const call = `${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection}`;
    // Alias bomb: the same (possibly expensive) field many times under different names.
    const body =
      this.rng.chance(0.03) && kind === 'query'
        ? Array.from({ length: 10 + this.rng.int(60) }, (_, i) => `a${i}: ${call}`).join('\n')
        : call;
    return { kind, field: field.name, query: `${head} {\n${body}\n}`, variables };
  }

  private selection(ref: IntrospectionOutputTypeRef, depth: number): string {
    const { name, kind } = unwrap(ref);
    if (kind !== 'OBJECT' && kind !== 'INTERFACE') return '';
    const type = this.types.get(name) as IntrospectionObjectType;
    const fields = type.fields.filter((f) => depth < 3 || this.isLeaf(f));
    const chosen = fields.filter(() => this.rng.chance(0.35));
    if (!chosen.length) chosen.push(fields.find((f) => this.isLeaf(f)) ?? fields[0]);
    if (!this.clean && this.rng.chance(0.02))
      chosen.push({ name: 'noSuchField', args: [], type: { kind: 'SCALAR', name: 'String' } } as any);
    const parts = chosen.map((f) => {
      const args = f.args
        .filter((a) => (a.type as any).kind === 'NON_NULL' || this.rng.chance(0.3))
        .map((a) => `${a.name}: ${this.literal(a.type, 1)}`);
      return `${f.name}${args.length ? `(${args.join(', ')})` : ''}${this.selection(f.type, depth + 1)}`;
    });
    return ` { ${parts.join(' ')} }`;
  }

  private isLeaf(field: IntrospectionField): boolean {
    const { kind } = unwrap(field.type);
    return kind === 'SCALAR' || kind === 'ENUM';
  }

  /** A JSON value for a variable of this type: usually plausible, often hostile. */
  private value(ref: IntrospectionInputTypeRef, depth: number, name = ''): unknown {
    const r: any = ref;
    if (r.kind === 'NON_NULL') return !this.clean && this.rng.chance(0.03) ? null : this.value(r.ofType, depth, name);
    if (!this.clean && this.rng.chance(0.05)) return null;
    if (!this.clean && this.rng.chance(0.04)) return this.wrongType();
    if (r.kind === 'LIST') {
      const n = !this.clean && this.rng.chance(0.02) ? 500 : this.rng.int(4);
      return Array.from({ length: n }, () => this.value(r.ofType, depth + 1, name));
    }
    const type = this.types.get(r.name)!;
    if (type.kind === 'ENUM') {
      return this.clean || this.rng.chance(0.85)
        ? this.rng.pick(type.enumValues).name
        : this.rng.pick(['NOPE', 'admin', '', 1]);
    }
    if (type.kind === 'INPUT_OBJECT') {
      const out: Record<string, unknown> = {};
      for (const field of type.inputFields as IntrospectionInputValue[]) {
        const required = (field.type as any).kind === 'NON_NULL';
        if (!required && this.rng.chance(0.5)) continue;
        if (required && !this.clean && this.rng.chance(0.03)) continue;
        out[field.name] = depth > 4 ? null : this.value(field.type, depth + 1, field.name);
      }
      if (!this.clean && this.rng.chance(0.04)) out.unexpectedField = 'x';
      return out;
    }
    return this.scalar(type.name, name);
  }

  private scalar(name: string, argument = ''): unknown {
    if (this.clean) return this.plausible(name, argument);
    switch (name) {
      case 'ID':
        return this.rng.chance(0.6)
          ? this.rng.pick(this.knownIds)
          : this.rng.chance(0.5)
            ? UNKNOWN_UUID
            : this.rng.pick(MALFORMED_IDS);
      case 'Int':
        return this.rng.pick([0, 1, -1, 20, 100, 101, 2 ** 31, -(2 ** 31) - 1, 1.5, 1e21]);
      case 'Float':
        return this.rng.pick([0, 0.5, 1, 1.5, -0.1, 1e308, 5e-324]);
      case 'Boolean':
        return this.rng.chance(0.5);
      case 'DateTime':
        return this.rng.pick([
          new Date(Date.now() + this.rng.int(60) * 86400_000).toISOString(),
          '2026-02-30T10:00:00Z',
          '1900-01-01T00:00:00Z',
          '+275760-09-13T00:00:00Z',
          'yesterday',
          '',
        ]);
      case 'Date':
        return this.rng.pick(['2026-12-01', '2020-01-01', '2026-02-30', '26-1-1', '99999-01-01', '']);
      case 'Duration':
        return this.rng.pick(['P7D', 'PT2S', 'P0D', '-P1D', 'P99999999D', 'P', '7 days', '']);
      default:
        return this.string();
    }
  }

  /** A value that passes the usual rules, for clean operations. */
  private plausible(name: string, argument: string): unknown {
    switch (name) {
      case 'ID': {
        const kind = Object.keys(this.idsByKind).find((k) => argument.toLowerCase().includes(k.toLowerCase()));
        return this.rng.pick(kind ? this.idsByKind[kind] : this.knownIds);
      }
      case 'Int':
        return this.rng.pick([1, 5, 20, 50]);
      case 'Float':
        return this.rng.pick([0.5, 0.66, 1]);
      case 'Boolean':
        return this.rng.chance(0.5);
      case 'DateTime':
        return new Date(Date.UTC(2027, 0, 1 + this.rng.int(300), 9)).toISOString();
      case 'Date':
        return `2027-0${1 + this.rng.int(9)}-1${this.rng.int(9)}`;
      case 'Duration':
        return this.rng.pick(['P7D', 'P1D', 'PT12H']);
      default:
        return this.rng.pick([`Fuzz ${this.rng.int(1e6)}`, 'KE', 'Africa/Nairobi', 'GCM-6', 'fuzz@example.org']);
    }
  }

  private string(): string {
    const roll = this.rng.next();
    if (roll < 0.05) return 'x'.repeat(100_000 + this.rng.int(50_000));
    if (roll < 0.1) return 'é'.repeat(5000);
    if (roll < 0.7) return this.rng.pick(NASTY_STRINGS);
    return `Fuzz ${this.rng.int(1e6)}`;
  }

  private wrongType(): unknown {
    return this.rng.pick([42, 'string', true, { nested: { deeper: [1, 2] } }, [[]], -0.5]);
  }

  /** An inline literal (GraphQL syntax) for an argument: same choices, written into the document. */
  private literal(ref: IntrospectionInputTypeRef, depth: number, name = ''): string {
    const r: any = ref;
    if (r.kind === 'NON_NULL') return this.literal(r.ofType, depth, name);
    if (r.kind === 'LIST') {
      return `[${Array.from({ length: this.rng.int(3) }, () => this.literal(r.ofType, depth + 1, name)).join(', ')}]`;
    }
    const type = this.types.get(r.name)!;
    if (type.kind === 'ENUM') return this.rng.chance(0.9) ? this.rng.pick(type.enumValues).name : 'NOT_A_VALUE';
    if (type.kind === 'INPUT_OBJECT') {
      if (depth > 3) return '{}';
      const fields = (type.inputFields as IntrospectionInputValue[]).filter(
        (f) => (f.type as any).kind === 'NON_NULL' || this.rng.chance(0.4),
      );
      return `{ ${fields.map((f) => `${f.name}: ${this.literal(f.type, depth + 1, f.name)}`).join(', ')} }`;
    }
    const value = this.scalar(type.name, name);
    if (this.rng.chance(0.05)) return '"wrong kind of literal"';
    return typeof value === 'string' ? JSON.stringify(value.slice(0, 2000)) : JSON.stringify(value);
  }

  private malformed(): GeneratedOperation {
    const roll = this.rng.int(9);
    switch (roll) {
      case 0: {
        // Deep nesting past the depth limit.
        let q = 'id';
        for (let i = 0; i < 30 + this.rng.int(100); i++) q = `parent { ${q} }`;
        return {
          kind: 'raw',
          query: `{ coordinationBody(id: "${this.rng.pick(this.knownIds)}") { ${q} } }`,
          variables: {},
        };
      }
      case 1: {
        // An alias bomb on the most expensive report.
        const n = 20 + this.rng.int(400);
        const body = Array.from(
          { length: n },
          (_, i) => `r${i}: commitmentProgress(groupBy: FRAMEWORK_TARGET) { key total }`,
        );
        return { kind: 'raw', query: `{ ${body.join(' ')} }`, variables: {} };
      }
      case 2: {
        // Syntax garbage: a valid document cut at a random point, or noise.
        const doc = `query { coordinationBodies(first: 5) { edges { node { id name } } } }`;
        return {
          kind: 'raw',
          query: doc.slice(0, this.rng.int(doc.length)) + this.rng.pick(['', '}}}', '((', '"', '\u0000']),
          variables: {},
        };
      }
      case 3:
        return { kind: 'raw', query: '', variables: {}, rawBody: '{"query": ', contentType: 'application/json' };
      case 4:
        return {
          kind: 'raw',
          query: '',
          variables: {},
          rawBody: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
          contentType: 'application/json',
        };
      case 5:
        // Fragment cycles and unknown fragments.
        return {
          kind: 'raw',
          query: `query { me { ...A } } fragment A on User { ...B } fragment B on User { ...A }`,
          variables: {},
        };
      case 6:
        // Variables that are not an object, or an operation name that does not exist.
        return {
          kind: 'raw',
          query: '',
          variables: {},
          rawBody: JSON.stringify({ query: 'query Q { me { id } }', variables: '[1]', operationName: 'Nope' }),
          contentType: 'application/json',
        };
      case 7:
        // Many fields with huge arguments in one document (just under the body limit).
        return {
          kind: 'raw',
          query: `{ organizations(search: ${JSON.stringify('ä'.repeat(200_000))}) { totalCount } }`,
          variables: {},
        };
      default:
        // A directive storm and introspection of everything at once.
        return {
          kind: 'raw',
          query: `{ __schema { types { name fields { name } } } me @include(if: true) @skip(if: false) @include(if: true) { id } }`,
          variables: {},
        };
    }
  }
}
