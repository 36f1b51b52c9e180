import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../src/platform/db/schema.ts';
import type { TestApp } from './build-test-app.ts';

let sequence = 0;

/** A signed-in member of staff, with a way to make requests as them. */
export interface SignedIn {
  id: number;
  authorId: number;
  authorSlug: string;
  email: string;
  name: string;
  password: string;
  cookie: string;
  csrfToken: string;
  /** GET as this person. */
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** POST a form as this person; the CSRF token is added unless `_csrf` is given. */
  post(
    url: string,
    form?: Record<string, string | string[]>,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** URL-encodes a form, repeating a key for each value of an array. */
export function formBody(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form))
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params.toString();
}

/** Adds a staff account with a password and signs it in through the real sign-in form. */
export async function signedIn(
  t: TestApp,
  role: Role,
  overrides: { name?: string; email?: string } = {},
): Promise<SignedIn> {
  sequence += 1;
  const name = overrides.name ?? `Staff ${role} ${sequence}`;
  const email = overrides.email ?? `staff-${role}-${sequence}@example.com`;
  const password = `correct horse ${sequence} battery`;
  const { id } = await t.services.accounts.addUser({ name, email, role, password });
  const response = await t.app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ email, password }),
  });
  if (response.statusCode !== 303)
    throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`);
  const setCookie = String(response.headers['set-cookie']);
  const token = /dateline_session=([^;]+)/.exec(setCookie)?.[1];
  if (!token) throw new Error(`sign-in set no session cookie: ${setCookie}`);
  const session = await t.services.accounts.session(token);
  if (!session) throw new Error('the session cookie does not open a session');
  const user = (await t.services.accounts.listUsers()).find((u) => u.id === id);
  const cookie = `dateline_session=${token}`;
  const inject = (options: InjectOptions) =>
    t.app.inject({ ...options, headers: { cookie, ...(options.headers ?? {}) } });
  return {
    id,
    authorId: session.authorId ?? 0,
    authorSlug: user?.author_slug ?? '',
    email,
    name,
    password,
    cookie,
    csrfToken: session.csrfToken,
    inject,
    get: (url, headers = {}) => inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } }),
    post: (url, form = {}, headers = {}) =>
      inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
        payload: formBody({ _csrf: session.csrfToken, ...form }),
      }),
  };
}
