import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';

const SITE = 'https://site.example/';

// Paths a browser, or a URL parser following the WHATWG rules, could read as another host once a
// slash is added: raw and encoded slashes and backslashes, whitespace browsers strip, and mixes.
const HOSTILE_PATHS = [
  '/\\evil.com',
  '/\\\\evil.com',
  '/\\/evil.com',
  '/\\x\\\\evil.com',
  '//evil.com',
  '///evil.com',
  '/%2F%2Fevil.com',
  '/%2f%2fevil.com',
  '/%5Cevil.com',
  '/%5C%5Cevil.com',
  '/%5C/evil.com',
  '/\t/evil.com',
  '/%09/evil.com',
  '/%09%2F%2Fevil.com',
  '/\\%2Fevil.com',
  '/%2F\\evil.com',
  '/page/\\evil.com',
  '/page/%2F%2Fevil.com',
  '/\\evil.com?x=1',
  '/%5Cevil.com?next=//evil.com',
];

/**
 * One request written byte for byte: `app.inject` and HTTP clients normalise backslashes away. The socket
 * is not half-closed after the request: `Connection: close` makes the server end it once it has answered,
 * whereas a client FIN can race a slower (database-bound) answer and leave nothing to read.
 */
function rawGet(port: number, path: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: site.example\r\nConnection: close\r\n\r\n`),
    );
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('end', () => {
      const head = data.split('\r\n\r\n')[0] ?? '';
      const [statusLine = '', ...lines] = head.split('\r\n');
      const location = lines.find((line) => /^location:/i.test(line))?.replace(/^location:\s*/i, '');
      resolve({ status: Number(statusLine.split(' ')[1]), location });
    });
  });
}

function expectOnSite(location: string | undefined) {
  if (location === undefined) return;
  expect(location).toMatch(/^\/[^/\\]/);
  expect(new URL(location, SITE).host).toBe('site.example');
}

describe.each(DIALECTS)('trailing-slash redirects on %s', (dialect) => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => t?.close());

  it.each(HOSTILE_PATHS)('never sends the raw path %j off the site', async (path) => {
    const { status, location } = await rawGet(port, path);
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    expectOnSite(location);
  });

  it.each(HOSTILE_PATHS.filter((path) => URL.canParse(path, 'http://localhost')))(
    'never sends %j off the site through inject',
    async (url) => {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBeLessThan(500);
      expectOnSite(response.headers.location);
    },
  );

  it('still adds the slash to an ordinary path, keeping its query', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/some-story?utm_source=x' });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/some-story/?utm_source=x');
    const page = await t.app.inject({ method: 'GET', url: '/page/3' });
    expect(page.headers.location).toBe('/page/3/');
  });
});
