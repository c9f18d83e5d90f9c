// A small runtime validator whose schemas also give the TypeScript type (Infer<typeof schema>),
// so a job payload's type and its check are written once. Errors name the offending field.

export class ValidationError extends Error {
  override name = 'ValidationError';
}

export interface Schema<T> {
  parse(value: unknown, path?: string): T;
}
export type Infer<S> = S extends Schema<infer T> ? T : never;

const fail = (path: string, what: string): never => {
  throw new ValidationError(`${path || 'value'} ${what}`);
};

export const string = (options: { max?: number; min?: number } = {}): Schema<string> => ({
  parse(value, path = '') {
    if (typeof value !== 'string') return fail(path, 'must be a string');
    if (options.min !== undefined && value.length < options.min) fail(path, `must have at least ${options.min} characters`);
    if (options.max !== undefined && value.length > options.max) fail(path, `must have at most ${options.max} characters`);
    return value;
  },
});

export const httpUrl = (): Schema<string> => ({
  parse(value, path = '') {
    const text = string({ max: 4096 }).parse(value, path);
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return fail(path, `is not a URL: ${text.slice(0, 200)}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') fail(path, `must be an http(s) URL, not ${parsed.protocol}`);
    return text;
  },
});

export const number = (options: { min?: number; max?: number; integer?: boolean } = {}): Schema<number> => ({
  parse(value, path = '') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(path, 'must be a number');
    if (options.integer && !Number.isInteger(value)) fail(path, 'must be an integer');
    if (options.min !== undefined && value < options.min) fail(path, `must be ≥ ${options.min}`);
    if (options.max !== undefined && value > options.max) fail(path, `must be ≤ ${options.max}`);
    return value;
  },
});

export const boolean = (): Schema<boolean> => ({
  parse: (value, path = '') => (typeof value === 'boolean' ? value : fail(path, 'must be true or false')),
});

export const literal = <const T extends readonly string[]>(...values: T): Schema<T[number]> => ({
  parse(value, path = '') {
    if (typeof value !== 'string' || !values.includes(value)) return fail(path, `must be one of ${values.join(', ')}`);
    return value as T[number];
  },
});

export const array = <T>(item: Schema<T>, options: { max?: number } = {}): Schema<T[]> => ({
  parse(value, path = '') {
    if (!Array.isArray(value)) return fail(path, 'must be an array');
    if (options.max !== undefined && value.length > options.max) fail(path, `must have at most ${options.max} items`);
    return value.map((v, i) => item.parse(v, `${path}[${i}]`));
  },
});

export const optional = <T>(inner: Schema<T>): Schema<T | undefined> & { optional: true } => ({
  optional: true,
  parse: (value, path = '') => (value === undefined || value === null ? undefined : inner.parse(value, path)),
});

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> };

/** An object schema; unknown keys are dropped so old or foreign fields never leak downstream. */
export const object = <S extends Shape>(shape: S): Schema<ObjectOf<S>> => ({
  parse(value, path = '') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, 'must be an object');
    const out: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(shape)) {
      const parsed = schema.parse((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (parsed !== undefined) out[key] = parsed;
    }
    return out as ObjectOf<S>;
  },
});
