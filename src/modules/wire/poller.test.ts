// The wire desk runs by itself: a served site polls its sources, with nobody asking.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config.ts';
import { openMigratedDatabase, startServer } from '../../server.tsx';
import { fixture, serve, startFeedServer, type FeedServer } from '../../../test/wire/feed-server.ts';
import { startWirePoller } from './poller.ts';

describe('the wire poller', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
  });
  afterAll(() => feeds.close());

  it('fetches due sources while the site is served, naming the site in its User-Agent', async () => {
    feeds.route('/vc.rdf', serve(fixture('valley-courier.rdf.xml')));
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-wire-'));
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 'wire.sqlite')}`,
      PORT: '0',
      PUBLIC_URL: 'https://news.example',
      LOG_LEVEL: 'silent',
    });
    const setup = await openMigratedDatabase(config);
    const now = new Date().toISOString();
    await setup.db
      .insertInto('wire_sources')
      .values({
        name: 'Valley Courier',
        feed_url: feeds.url('/vc.rdf'),
        next_fetch_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await setup.close();

    const server = await startServer(config, { seed: false, log: () => {} });
    try {
      const count = async () =>
        (await server.database.db.selectFrom('wire_items').select('id').execute()).length;
      await vi.waitFor(async () => expect(await count()).toBe(2), { timeout: 15_000, interval: 100 });
      expect(feeds.requestsTo('/vc.rdf')).toHaveLength(1);
      expect(feeds.requestsTo('/vc.rdf')[0]?.headers['user-agent']).toBe(
        'Dateline/0.1.0 (+https://news.example)',
      );
    } finally {
      await server.close();
    }
  });

  it('runs one tick at a time in a process, and reports a failed tick without stopping', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const errors: unknown[] = [];
    const poller = startWirePoller({
      wire: {
        pollDue: () => {
          calls++;
          if (calls === 2) return Promise.reject(new Error('database away'));
          return new Promise((resolve) => {
            release = () => resolve([]);
          });
        },
      },
      intervalMs: 3_600_000,
      onError: (error) => errors.push(error),
    });
    const first = poller.runNow();
    const overlapping = poller.runNow();
    expect(calls).toBe(1);
    release();
    await Promise.all([first, overlapping]);
    await poller.runNow();
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('database away')]);
    const third = poller.runNow();
    release();
    await third;
    expect(calls).toBe(3);
    await poller.stop();
  });
});
