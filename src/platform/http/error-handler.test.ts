import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';

describe.each(DIALECTS)('when the database fails, on %s', (dialect) => {
  it('answers /healthz with 503 and pages with a 500 that shows no stack trace in production', async () => {
    const t = await buildTestApp(dialect, { isProduction: true });
    await buildArticle(t.services, { slug: 'one-story' });
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
    await t.database.close();

    const health = await t.app.inject('/healthz');
    expect(health.statusCode).toBe(503);
    t.services.settings.invalidate();
    const page = await t.app.inject('/one-story/');
    expect(page.statusCode).toBe(500);
    const $ = load(page.body);
    expect($('h1').text()).toBe('Something went wrong');
    expect(page.body).not.toMatch(/at .*\.ts:\d+|Error:|node_modules|kysely/i);
    await t.app.close();
  });
});
