// The conversion thread: a post converts there, and one that would take seconds is stopped at the time
// limit and kept as escaped text, while the main thread stays free.
import { afterEach, describe, expect, it } from 'vitest';
import { startConverter, unconvertedBody, type Converter } from './converter.ts';

const EMPTY = { byId: [], byKey: [], children: [] };

describe('the WordPress conversion thread', () => {
  let converter: Converter | undefined;
  afterEach(async () => converter?.close());

  it('converts a post off the main thread', async () => {
    converter = startConverter(EMPTY, 'https://gazette.example');
    const converted = await converter.convert({ raw: 'First line.\n\nSecond [gallery ids="1"]', postId: 1 });
    expect(converted?.html).toContain('<p>First line.</p>');
  });

  it('stops a post past the time limit, keeps the main thread free, and goes on with the next', async () => {
    converter = startConverter(EMPTY, 'https://gazette.example', { timeLimitMs: 300 });
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 20);
    const slow = await converter.convert({ raw: '<b><i>'.repeat(150_000), postId: 2 });
    clearInterval(timer);
    expect(slow).toBeNull();
    // The main thread ticked all along: the work was on the other thread.
    expect(ticks).toBeGreaterThan(5);
    const next = await converter.convert({ raw: 'After the slow one.', postId: 3 });
    expect(next?.html).toBe('<p>After the slow one.</p>');
  });

  it('keeps an unconverted body as escaped paragraphs', () => {
    expect(unconvertedBody('<script>x</script>\n\nSecond & last')).toBe(
      '<p>&lt;script&gt;x&lt;/script&gt;</p>\n<p>Second &amp; last</p>',
    );
  });
});
