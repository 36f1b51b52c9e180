// Request shapes for the editor's topic suggestions, checked before a handler runs.
import { Type } from 'typebox';

/** A draft as the editor holds it: headline, standfirst, body and the tags it has. */
export const SuggestBodySchema = Type.Object(
  {
    title: Type.String({ maxLength: 500 }),
    standfirst: Type.Optional(Type.String({ maxLength: 2000 })),
    // A long feature is a few thousand words; this is ten times that.
    body: Type.Optional(Type.String({ maxLength: 200_000 })),
    body_format: Type.Optional(Type.Union([Type.Literal('markdown'), Type.Literal('html')])),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** A suggestion an editor accepts. */
export const AcceptBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Union([Type.Literal('person'), Type.Literal('organisation'), Type.Literal('place')]),
    aliases: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
