import { Type, type Static } from 'typebox';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-rules.ts';

const email = Type.String({ format: 'email', maxLength: 254 });
const password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });
const role = Type.Union([
  Type.Literal('contributor'),
  Type.Literal('author'),
  Type.Literal('editor'),
  Type.Literal('admin'),
]);

/** A new staff account, from `dateline user add` or the users screen. */
export const NewUserSchema = Type.Object(
  {
    email,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    role,
    /** Sets the password at once; without it, an invitation link is made. */
    password: Type.Optional(password),
  },
  { additionalProperties: false },
);
/** A new staff account, as checked at the edge (the users screen, `dateline user add`). */
export type NewUserInput = Static<typeof NewUserSchema>;

/** The owner's one-time link form: the first account's details. */
export const OwnerSignUpSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  email,
  password,
});

/**
 * What a one-time link's form sends. Which fields it must hold depends on the link (an owner gives a
 * name and an email too), so the account service checks it against the schema below that fits.
 */
export interface RedeemLinkInput {
  password: string;
  name?: string;
  email?: string;
}

/** An invitation's form: the invited person only chooses a password. */
export const SetPasswordSchema = Type.Object({ password });

/** What the welcome and invitation forms send: an owner's link also asks for a name and an email. */
export interface RedeemLinkInput {
  name?: string;
  email?: string;
  password: string;
}
