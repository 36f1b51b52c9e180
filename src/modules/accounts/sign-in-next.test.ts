import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { formBody, signedIn } from '../../../test/staff.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

// Each would break the Location header of the redirect after a successful sign-in.
const HOSTILE_NEXT = [
  '/admin/users\r\nSet-Cookie: x=1',
  '/admin?\r\nLocation: https://evil.example/',
  '/admin/users\n',
  '/admin/users\r',
  '/admin/\u0000',
  '/admin/\u007f',
  '/admin/\u0085users',
];

describe.each(DIALECTS)('the sign-in form’s next field on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  it.each(HOSTILE_NEXT)('refuses %j with a 400 and signs no one in', async (next) => {
    const staff = await signedIn(t, 'editor');
    const response = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: form,
      payload: formBody({ email: staff.email, password: staff.password, next }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers.location).toBeUndefined();
    const json = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: { ...form, accept: 'application/json' },
      payload: formBody({ email: staff.email, password: staff.password, next }),
    });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('refuses a control character in the sign-in page’s next with a 400', async () => {
    const response = await t.app.inject({ url: '/admin/sign-in?next=%2Fadmin%0D%0Ax', headers: form });
    expect(response.statusCode).toBe(400);
  });

  it('carries a path with letters beyond ASCII to its page, percent-encoded', async () => {
    const staff = await signedIn(t, 'editor');
    const response = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: form,
      payload: formBody({
        email: staff.email,
        password: staff.password,
        next: '/admin/articles?q=Åland 日本',
      }),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/articles?q=%C3%85land%20%E6%97%A5%E6%9C%AC');
  });
});
