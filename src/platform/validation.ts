import type { TSchema, Static } from 'typebox';
import { Value } from 'typebox/value';
import type { FieldErrors } from './errors.ts';

/** "/source/url" → "source.url", "/tags/0" → "tags[0]". */
function fieldName(instancePath: string, extra?: unknown): string {
  const parts = instancePath.split('/').slice(1);
  if (parts.length === 0 && Array.isArray(extra) && typeof extra[0] === 'string') return extra[0];
  return parts.reduce(
    (name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part),
    '',
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
    if (error.keyword === 'required') {
      const missing = (error.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      const parent = fieldName(error.instancePath);
      for (const property of missing) fields[parent ? `${parent}.${property}` : property] ??= 'is required';
      continue;
    }
    const params = error.params as { additionalProperties?: unknown } | undefined;
    const name = fieldName(error.instancePath, params?.additionalProperties) || '(document)';
    const message = error.keyword === 'additionalProperties' ? 'is not a known field' : error.message;
    fields[name] ??= message;
  }
  return { ok: false, fields };
}
