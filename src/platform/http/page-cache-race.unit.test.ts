import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerPageCache } from './page-cache.ts';

/** An app whose one page reads `value` and then waits for the test to let it finish rendering. */
async function appWithSlowPage() {
  const app = Fastify();
  const cache = registerPageCache(app, { isEnabled: true, maxBytes: 1024 * 1024, sharedMaxAge: 300 });
  let value = 'old';
  let release: (() => void) | undefined;
  let isHeld = false;
  app.get('/story/', async (_request, reply) => {
    const read = value;
    if (isHeld) await new Promise<void>((resolve) => (release = resolve));
    return reply
      .cacheable({ tags: ['article:1'] })
      .type('text/html')
      .send(`<p>${read}</p>`);
  });
  await app.ready();
  return {
    app,
    cache,
    change(next: string) {
      value = next;
      cache.invalidate(['article:1']);
    },
    hold: () => void (isHeld = true),
    releaseHeld() {
      isHeld = false;
      release?.();
    },
  };
}

describe('the page cache and a change made while a page renders', () => {
  it('does not keep a page whose data was read before a change to one of its tags', async () => {
    const t = await appWithSlowPage();
    t.hold();
    const rendering = t.app.inject('/story/');
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The change commits and is announced while the old data is still being rendered.
    t.change('new');
    t.releaseHeld();
    const first = await rendering;
    expect(first.body).toBe('<p>old</p>');
    const second = await t.app.inject('/story/');
    expect(second.headers['x-dateline-cache']).toBe('miss');
    expect(second.body).toBe('<p>new</p>');
    const third = await t.app.inject('/story/');
    expect(third.headers['x-dateline-cache']).toBe('hit');
    expect(third.body).toBe('<p>new</p>');
  });

  it('keeps a page when the change was to other tags', async () => {
    const t = await appWithSlowPage();
    t.hold();
    const rendering = t.app.inject('/story/');
    await new Promise((resolve) => setTimeout(resolve, 20));
    t.cache.invalidate(['article:2', 'tag:7']);
    t.releaseHeld();
    await rendering;
    expect((await t.app.inject('/story/')).headers['x-dateline-cache']).toBe('hit');
  });

  it('does not keep a page that was rendering when the whole cache was cleared', async () => {
    const t = await appWithSlowPage();
    t.hold();
    const rendering = t.app.inject('/story/');
    await new Promise((resolve) => setTimeout(resolve, 20));
    t.cache.clear();
    t.releaseHeld();
    await rendering;
    expect((await t.app.inject('/story/')).headers['x-dateline-cache']).toBe('miss');
  });
});
