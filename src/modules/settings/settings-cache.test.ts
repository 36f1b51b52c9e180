import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../app.tsx';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';

// Every page reads the settings, so each process keeps them in memory. These tests hold the rule
// that makes that safe: a change shows at once in the process that made it, and in every other
// process as soon as the invalidation outbox brings the change's `settings` tag.
describe.each(DIALECTS)('remembered settings on %s', (dialect) => {
  let t: TestApp;
  /** A second process on the same database, as `dateline settings set` or another server is. */
  let other: Services;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    other = await createServices({ database: t.database, clock: t.clock });
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    other.settings.invalidate();
    // The first poll only learns where the outbox ends.
    await t.services.invalidations.poll();
  });

  const title = async () => /<title>([^<]*)<\/title>/.exec((await t.app.inject('/')).body)?.[1];

  it('reads the database once, not once per page', async () => {
    const before = await t.services.settings.all();
    // Written behind the service's back: a remembered value does not see it.
    await t.database.db
      .insertInto('settings')
      .values({ key: 'site.title', value: JSON.stringify('Written behind its back') })
      .execute();
    expect((await t.services.settings.all())['site.title']).toBe(before['site.title']);
    t.services.settings.invalidate();
    expect((await t.services.settings.all())['site.title']).toBe('Written behind its back');
  });

  it('shows this process’s own change at once, on the next read and the next page', async () => {
    await title();
    await t.services.settings.update({ 'site.title': 'The Harbour Times' });
    expect((await t.services.settings.all())['site.title']).toBe('The Harbour Times');
    expect(await title()).toContain('The Harbour Times');
  });

  it('shows another process’s change once the outbox brings it, settings and cached pages alike', async () => {
    expect(await title()).not.toContain('The Quay Gazette');
    // Cached now, in both the page cache and the settings.
    expect((await t.app.inject('/')).headers['x-dateline-cache']).toBe('hit');
    await other.settings.update({ 'site.title': 'The Quay Gazette' });
    await other.invalidations.flush();
    expect((await t.services.settings.all())['site.title']).not.toBe('The Quay Gazette');

    await t.services.invalidations.poll();
    expect((await t.services.settings.all())['site.title']).toBe('The Quay Gazette');
    const page = await t.app.inject('/');
    expect(page.headers['x-dateline-cache']).toBe('miss');
    expect(page.body).toContain('The Quay Gazette');
  });

  it('drops a read that was under way when a change was heard of', async () => {
    const reading = t.services.settings.all();
    await t.database.db
      .insertInto('settings')
      .values({ key: 'site.title', value: JSON.stringify('After the change') })
      .execute();
    t.services.settings.invalidate();
    await reading;
    expect((await t.services.settings.all())['site.title']).toBe('After the change');
  });
});
