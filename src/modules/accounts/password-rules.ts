// What a new password must be: long enough, and not one that attackers try first.

/** The shortest password accepted (NIST SP 800-63B asks for at least 8; a newsroom account is worth more). */
export const MIN_PASSWORD_LENGTH = 12;
/** The longest: scrypt takes any length, but a form field need not. */
export const MAX_PASSWORD_LENGTH = 200;

// 49,233 passwords from leaked lists, shipped in the package (no network). Loaded on the first
// check, not at start: most processes never set a password.
let commonPasswords: Promise<ReadonlySet<string>> | undefined;

function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())),
  );
  return commonPasswords;
}

/** Why `password` cannot be a new password, as a field message, or undefined when it can. */
export async function newPasswordProblem(password: unknown): Promise<string | undefined> {
  if (typeof password !== 'string' || password === '') return 'is required';
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const common = await loadCommonPasswords();
  if (common.has(password.normalize('NFKC').toLowerCase()))
    return 'is one of the most common passwords, which attackers try first: choose another';
  return undefined;
}
