// CDN purges by Surrogate-Key: a change made by a server or by a `dateline` command POSTs the tags of the
// pages it made stale to CDN_PURGE_URL, with the configured headers, before the command exits. A CDN that
// fails does not fail the change. A local HTTP server stands in for the CDN's API.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app.tsx';
import { runCli } from '../../src/cli.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { parsePurgeHeaders } from '../../src/platform/cdn-purge.ts';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

interface Purge {
  method: string;
  path: string;
  keys: string[];
  auth: string | undefined;
}

describe('CDN purges by Surrogate-Key', () => {
  let cdn: http.Server;
  let cdnUrl: string;
  let status = 200;
  const purges: Purge[] = [];
  let database: DatabaseHandle;

  beforeAll(async () => {
    cdn = http.createServer((request, response) => {
      purges.push({
        method: request.method ?? '',
        path: request.url ?? '',
        keys: String(request.headers['surrogate-key'] ?? '').split(' '),
        auth: request.headers['fastly-key'] as string | undefined,
      });
      response.writeHead(status).end('{"status":"ok"}');
    });
    await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
    cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}/service/abc/purge`;
    database = await openDatabase({ dialect: 'sqlite', file: ':memory:' });
    await migrateToLatest(database.db);
  });

  afterAll(async () => {
    await database?.close();
    await new Promise((resolve) => cdn?.close(resolve));
  });

  beforeEach(() => {
    purges.length = 0;
    status = 200;
  });

  const cli = async (args: string[]) => {
    const err: string[] = [];
    const code = await runCli(args, {
      out: () => {},
      err: (line) => err.push(line),
      env: { CDN_PURGE_URL: cdnUrl, CDN_PURGE_HEADERS: 'Fastly-Key: secret-token' },
      database,
    });
    return { code, err: err.join('\n') };
  };

  it('purges the tags a `dateline` command made stale, with the headers, before it exits', async () => {
    expect(await cli(['settings', 'set', 'site.title', 'The Purged Post'])).toEqual({ code: 0, err: '' });
    expect(purges).toEqual([
      { method: 'POST', path: '/service/abc/purge', keys: ['settings'], auth: 'secret-token' },
    ]);
  });

  it('purges an article’s page and the lists it joins when it is published', async () => {
    const services = await createServices({
      database,
      cdnPurge: { url: cdnUrl, headers: { 'Fastly-Key': 't' } },
    });
    await services.authors.saveAuthor({ name: 'Ada Berg', slug: 'ada-berg', bio: 'Reporter.' });
    purges.length = 0;
    const saved = await services.articles.saveArticle({
      title: 'Quay reopens',
      slug: 'quay-reopens',
      body: 'The quay reopens today.',
      authors: ['ada-berg'],
      status: 'published',
      published_at: '2026-01-01T09:00:00.000Z',
    });
    await services.invalidations.flush();
    const keys = purges.flatMap((p) => p.keys);
    expect(keys).toContain(`article:${saved.id}`);
    expect(keys).toContain('list:front');
  });

  it('does not fail the change when the CDN refuses the purge', async () => {
    status = 503;
    const result = await cli(['settings', 'set', 'site.title', 'Still Saved']);
    expect(result.code).toBe(0);
    expect(purges).toHaveLength(1);
    const settings = await (await createServices({ database })).settings.all();
    expect(settings['site.title']).toBe('Still Saved');
  });

  it('reads CDN_PURGE_URL and CDN_PURGE_HEADERS, failing fast on what it cannot use', () => {
    expect(loadConfig({}).cdnPurge).toBeUndefined();
    expect(
      loadConfig({
        CDN_PURGE_URL: 'https://api.fastly.com/service/X/purge',
        CDN_PURGE_HEADERS: 'Fastly-Key: k',
      }).cdnPurge,
    ).toEqual({ url: 'https://api.fastly.com/service/X/purge', headers: { 'Fastly-Key': 'k' } });
    expect(() => loadConfig({ CDN_PURGE_URL: 'ftp://x/purge' })).toThrow(ConfigError);
    expect(() => loadConfig({ CDN_PURGE_URL: 'https://x/purge', CDN_PURGE_HEADERS: 'no colon' })).toThrow(
      /CDN_PURGE_HEADERS/,
    );
    expect(parsePurgeHeaders('A: 1; B-C: two words\nD:3')).toEqual({ A: '1', 'B-C': 'two words', D: '3' });
  });
});
