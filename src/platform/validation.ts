import type { TSchema, Static } from 'typebox';
import { Value } from 'typebox/value';
import { AppError, type FieldErrors } from './errors.ts';

/** The largest id accepted anywhere: PostgreSQL's `integer`, the type of every id column. */
export const MAX_ID = 2_147_483_647;

/** The last page any list has. */
export const MAX_PAGE = 1_000_000;

/** How an id or a page number is written: digits only, no sign, no leading zero, no exponent. */
export const ID_DIGITS = /^[1-9][0-9]{0,9}$/;

function readDigits(text: string, max: number): number | undefined {
  if (!ID_DIGITS.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

/**
 * An id in text (a form field, a command's argument), or undefined. The same rule as the routes'
 * IdSchema (platform/http/schemas.ts), so that every edge agrees on what an id is.
 */
export function readId(text: string): number | undefined {
  return readDigits(text, MAX_ID);
}

/** A page number in text, by the same rule as the routes' PageNumberSchema. */
export function readPageNumber(text: string): number | undefined {
  return readDigits(text, MAX_PAGE);
}

/**
 * The one spelling of a failing field's path, wherever a field is named: form error maps, the API's
 * `error.fields`, the CLI, the import's report. Object keys are joined with dots and array items are
 * bracketed, with no leading slash and no `body`/`querystring` prefix: `title`, `source.url`,
 * `tags[0]`, `articles[3].authors[0]`. A form field's name is therefore its own path.
 *
 * `pointer` is a JSON pointer ("/source/url", as Ajv's and TypeBox's `instancePath` are); `base`, when
 * given, is a path the pointer is under.
 */
export function fieldPath(pointer: string, base = ''): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(
      (name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part),
      base,
    );
}

/** Checks a value against a TypeBox schema and names every failing field, first problem per field. */
export function checkSchema<S extends TSchema>(
  schema: S,
  value: unknown,
): { ok: true; value: Static<S> } | { ok: false; fields: FieldErrors } {
  if (Value.Check(schema, value)) return { ok: true, value: value };
  const fields: FieldErrors = {};
  for (const error of Value.Errors(schema, value)) {
    if (error.keyword === 'boolean') continue;
    const params = error.params as { requiredProperties?: string[]; additionalProperties?: unknown };
    if (error.keyword === 'required') {
      for (const property of params.requiredProperties ?? [])
        fields[fieldPath(`${error.instancePath}/${property}`)] ??= 'is required';
      continue;
    }
    if (error.keyword === 'additionalProperties' && Array.isArray(params.additionalProperties)) {
      for (const property of params.additionalProperties as unknown[])
        fields[fieldPath(`${error.instancePath}/${String(property)}`)] ??= 'is not a known field';
      continue;
    }
    fields[fieldPath(error.instancePath) || '(document)'] ??= error.message;
  }
  return { ok: false, fields };
}

/**
 * Checks untyped input (a file, a JSON document, a command's arguments) at the edge and returns it
 * typed, or throws the catalogue's VALIDATION_FAILED naming each field.
 */
export function parseSchema<S extends TSchema>(schema: S, value: unknown): Static<S> {
  const checked = checkSchema(schema, value);
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.fields });
  return checked.value;
}
