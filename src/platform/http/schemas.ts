// The params and query-string schemas that routes share: an id, a page number, a slug. Declared once
// so that every route agrees on what an id is; before, fifteen hand-written patterns disagreed (one
// took id 0, another let a 12-digit id through to PostgreSQL's `integer` and a 500).
import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { Type, type TObject, type TSchema } from 'typebox';
import { ID_DIGITS, MAX_ID, MAX_PAGE } from '../validation.ts';

export { MAX_ID, MAX_PAGE, readId, readPageNumber } from '../validation.ts';

/**
 * A whole number written as plain digits, read as a number. The `allOf` checks the text first, then
 * lets Ajv coerce it (in place) and check the range, so the handler receives a number. For params and
 * query strings only: the request body is not coerced, and TypeBox's own Value.Check never passes it.
 */
function digits(max: number, description: string) {
  return Type.Unsafe<number>({
    allOf: [
      // Ajv's coercion alone would read "1e3", "0x10", " 12" and "+5" as numbers, giving one
      // resource many addresses: the text must be plain digits first.
      { type: 'string', pattern: ID_DIGITS.source },
      { type: 'integer', minimum: 1, maximum: max },
    ],
    description,
  });
}

/** A row's id in a URL: 1 to 2,147,483,647, as plain digits. */
export const IdSchema = digits(MAX_ID, 'An id: a whole number from 1, in plain digits.');

/** A page of a list in a URL: 1 to 1,000,000, as plain digits. */
export const PageNumberSchema = digits(MAX_PAGE, 'A page number, from 1.');

/**
 * A slug in a reader's URL. Not the strict slug pattern: imported publications keep their old slugs,
 * and a slug nothing has is a 404 from the lookup, not a schema failure.
 */
export const SlugSchema = Type.String({ minLength: 1, maxLength: 200, description: 'A slug.' });

/** `/…/:id`. */
export const IdParamsSchema = Type.Object({ id: IdSchema });

/** `/…/:slug`. */
export const SlugParamsSchema = Type.Object({ slug: SlugSchema });

/** `/…/page/:n/`. */
export const PageParamsSchema = Type.Object({ n: PageNumberSchema });

/** `/…/:slug/page/:n/`. */
export const SlugPageParamsSchema = Type.Object({ slug: SlugSchema, n: PageNumberSchema });

/** A free-text query-string value, such as a search box or a notice code. */
export const QueryTextSchema = Type.String({ maxLength: 1000 });

/**
 * A preValidation hook for screens whose query string is only filters, cursors and notices (the
 * newsroom's lists): a value that does not fit its schema is dropped before validation, so the screen
 * shows its default instead of an error. What stays is checked and typed by the route's schema as usual.
 */
export function dropUnfitQuery(schema: TObject): preValidationAsyncHookHandler {
  const one = Object.fromEntries(
    Object.entries(schema.properties as Record<string, TSchema>).map(([name, property]) => [
      name,
      Type.Object({ [name]: property }),
    ]),
  );
  return async (request: FastifyRequest) => {
    const query = request.query as Record<string, unknown>;
    for (const [name, check] of Object.entries(one)) {
      if (query[name] === undefined) continue;
      // The route's own compiler (Ajv, with coercion), so that "fits" means what validation means.
      const fits = request.compileValidationSchema(check, 'querystring');
      if (!fits({ [name]: query[name] })) delete query[name];
    }
  };
}
