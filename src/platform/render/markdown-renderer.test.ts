import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { sanitizeBody } from './body-html.ts';
import { renderMarkdown } from './markdown.ts';
import { createMarkdownRenderer, type MarkdownRenderer } from './markdown-renderer.ts';

// markdown-it spends seconds on a few hundred kilobytes of these (2.7 s here; CI has seen such bodies
// run twice as fast); prose of that size takes milliseconds.
const slowBody = '!['.repeat(250_000);
// sanitize-html's time grows with the square of the unclosed tags: this takes seconds too.
const slowHtml = '<b>'.repeat(150_000);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('the Markdown render threads', () => {
  let renderer: MarkdownRenderer | undefined;
  afterEach(async () => {
    await renderer?.close();
    renderer = undefined;
  });

  it('renders Markdown in a thread to Dateline body HTML, as the article page shows it', async () => {
    renderer = createMarkdownRenderer();
    const source = '# Tides\n\nHigh *water* at [the harbour](https://example.com) <script>alert(1)</script>';
    const html = await renderer.render(source);
    expect(html).toBe(sanitizeBody(renderMarkdown(source)));
    expect(html).toBe(
      '<h2>Tides</h2>\n<p>High <em>water</em> at <a href="https://example.com" rel="noopener">the harbour</a> ' +
        '&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    // Stored, it comes back through the HTML path unchanged.
    expect(await renderer.render(html, 'html')).toBe(html);
  });

  it('renders Dateline body HTML through sanitizeBody when asked, and Markdown by default', async () => {
    renderer = createMarkdownRenderer();
    const source =
      '<h1>Tides</h1><p onclick="x()">High <b>water</b> <a href="javascript:alert(1)">here</a></p>' +
      '<script>alert(1)</script><iframe src="https://example.com/"></iframe>' +
      '<figure class="embed" data-provider="YouTube" data-url="https://youtu.be/x">' +
      '<a href="https://youtu.be/x">YouTube: https://youtu.be/x</a></figure>' +
      '<blockquote class="pullquote"><p>Quoted</p></blockquote>';
    const html = await renderer.render(source, 'html');
    expect(html).toBe(sanitizeBody(source));
    expect(html).not.toMatch(/script|iframe|onclick|javascript:/);
    expect(html).toContain('<figure class="embed" data-provider="YouTube" data-url="https://youtu.be/x">');
    expect(html).toContain('<blockquote class="pullquote">');
    // The same text read as Markdown keeps its tags escaped, as the article page always did.
    expect(await renderer.render(source)).toBe(sanitizeBody(renderMarkdown(source)));
    expect(await renderer.render(source, 'markdown')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await renderer.render('*one*', 'html')).toBe('*one*');
  });

  it('stops a render past the time limit with BODY_TOO_COMPLEX, and the next render still works', async () => {
    renderer = createMarkdownRenderer({ timeLimitMs: 100 });
    // A warm thread first, so that the limit is measured against the render, not the thread's start.
    await renderer.render('warm');
    const started = performance.now();
    expect(await codeOf(renderer.render(slowBody))).toBe('BODY_TOO_COMPLEX');
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(await renderer.render('*still here*')).toBe('<p><em>still here</em></p>');
  });

  it('keeps the main thread free while a slow render runs', async () => {
    renderer = createMarkdownRenderer({ timeLimitMs: 500 });
    await renderer.render('warm');
    const started = performance.now();
    const rendering = codeOf(renderer.render(slowBody));
    // A timer every 5 ms, while the render runs: on the main thread the render would let none fire
    // until it ended, leaving one gap as long as the render itself.
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 5);
    expect(await rendering).toBe('BODY_TOO_COMPLEX');
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // The ticks kept coming through the render, and no stall took up most of it. (How many came on
    // time depends on the machine's load, so that is not counted: a busy CI machine delays them all.)
    expect(gaps.length).toBeGreaterThan(10);
    expect(Math.max(...gaps)).toBeLessThan(elapsed / 2);
  });

  it('refuses renders at once with RENDER_BUSY when too many wait', async () => {
    renderer = createMarkdownRenderer({ threads: 1, timeLimitMs: 200, maxWaiting: 1 });
    await renderer.render('warm');
    const running = codeOf(renderer.render(slowBody));
    const waiting = codeOf(renderer.render('*queued*'));
    expect(await codeOf(renderer.render('*one too many*'))).toBe('RENDER_BUSY');
    expect(await running).toBe('BODY_TOO_COMPLEX');
    expect(await waiting).toBe('resolved');
  });

  it('holds HTML renders to the same time limit and queue as Markdown ones', async () => {
    renderer = createMarkdownRenderer({ threads: 1, timeLimitMs: 200, maxWaiting: 1 });
    await renderer.render('warm', 'html');
    const started = performance.now();
    const running = codeOf(renderer.render(slowHtml, 'html'));
    const waiting = renderer.render('<p>queued<script>x</script></p>', 'html');
    expect(await codeOf(renderer.render('<p>one too many</p>', 'html'))).toBe('RENDER_BUSY');
    expect(await running).toBe('BODY_TOO_COMPLEX');
    expect(performance.now() - started).toBeLessThan(1_500);
    // The thread that was stopped is replaced, and the HTML job that waited is rendered on the new one.
    expect(await waiting).toBe('<p>queued</p>');
  });

  it('fails renders still waiting when closed', async () => {
    renderer = createMarkdownRenderer({ threads: 1 });
    const pending = expect(renderer.render('*never*')).rejects.toThrow(/closed/);
    await renderer.close();
    await pending;
    await expect(renderer.render('again')).rejects.toThrow(/closed/);
  });
});
