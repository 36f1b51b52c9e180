import { Type, type Static } from 'typebox';
import { SLUG_PATTERN } from '../../platform/render/slug.ts';

/** An author as the CLI and the seeder give one. */
export const AuthorInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    slug: Type.String({ pattern: SLUG_PATTERN.source, maxLength: 120 }),
    bio: Type.String({ maxLength: 2000 }),
    /** Private: for the newsroom only, never shown. */
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    website: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 500 })),
    avatar_url: Type.Optional(Type.String({ pattern: '^(https?://|/)[^\\s]+$', maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** A checked author input. */
export type AuthorInput = Static<typeof AuthorInputSchema>;
