import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database.ts';
import { dialectOf } from './dialect.ts';

/** A query's arguments: values, lists of values (for `in`), or undefined (a filter left out). */
type Argument = string | number | null | undefined | readonly (string | number)[];

/** Where each parameter of a compiled query comes from: an argument, an item of one, or the query. */
type Source = { arg: number; item?: number } | { value: unknown };

interface Plan {
  compiled: CompiledQuery;
  sources: Source[];
}

/** A marker no real value contains, standing for argument `arg` (item `item` of a list). */
const marker = (arg: number, item?: number) => `\u0000dateline-arg:${arg}:${item ?? ''}\u0000`;

/**
 * A query that Kysely builds and compiles once per dialect and shape, and that then runs with new
 * values. Building and compiling cost more than running the small indexed queries a reader's page
 * makes (about 15–25 µs against 6 µs on SQLite), and they give the same SQL every time.
 *
 * `build` receives markers in place of its arguments and must use each one only as a value in the
 * query (`where('slug', '=', slug)`, `where('id', 'in', ids)`), never to decide what the query
 * looks like. What may change the query's shape is part of the shape's key: whether an argument is
 * undefined, and a list's length. A marker that ends up in the SQL text or is not used at all throws
 * when the shape is first compiled, so a misuse fails in the first test that runs the query.
 */
export function preparedQuery<Args extends Argument[], Row>(
  build: (db: Db, ...args: Args) => Compilable<Row>,
): (db: Db, ...args: Args) => Promise<Row[]> {
  const plans = new Map<string, Plan>();

  function plan(db: Db, args: Args): Plan {
    const shape = `${dialectOf(db)}|${args.map((a) => (a === undefined ? 'u' : Array.isArray(a) ? a.length : '.')).join(',')}`;
    const known = plans.get(shape);
    if (known) return known;
    const markers = new Map<unknown, Source>();
    const markedArgs = args.map((a, arg) => {
      if (a === undefined) return undefined;
      if (Array.isArray(a)) {
        return a.map((_, item) => {
          markers.set(marker(arg, item), { arg, item });
          return marker(arg, item);
        });
      }
      markers.set(marker(arg), { arg });
      return marker(arg);
    }) as Args;
    const compiled = build(db, ...markedArgs).compile();
    if (compiled.sql.includes('\u0000dateline-arg:'))
      throw new Error(`A prepared query wrote an argument into its SQL: ${compiled.sql}`);
    const sources = compiled.parameters.map((p): Source => markers.get(p) ?? { value: p });
    const used = new Set(compiled.parameters);
    for (const m of markers.keys()) {
      if (!used.has(m)) throw new Error(`A prepared query did not use one of its arguments: ${compiled.sql}`);
    }
    const made = { compiled, sources };
    if (plans.size < 500) plans.set(shape, made);
    return made;
  }

  return async (db, ...args) => {
    const { compiled, sources } = plan(db, args);
    const parameters = sources.map((s) => {
      if ('value' in s) return s.value;
      const a = args[s.arg];
      return s.item === undefined ? a : (a as readonly unknown[])[s.item];
    });
    const result = await db.executeQuery<Row>({ ...compiled, parameters });
    return result.rows;
  };
}
