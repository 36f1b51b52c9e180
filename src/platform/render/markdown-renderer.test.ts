import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { renderMarkdown } from './markdown.ts';
import { createMarkdownRenderer, type MarkdownRenderer } from './markdown-renderer.ts';

// markdown-it spends seconds on a few hundred kilobytes of these; prose of that size takes milliseconds.
const slowBody = '!['.repeat(200_000);

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

  it('renders in a thread exactly what the article page would show', async () => {
    renderer = createMarkdownRenderer();
    const source = '# Tides\n\nHigh *water* at [the harbour](https://example.com) <script>alert(1)</script>';
    expect(await renderer.render(source)).toBe(renderMarkdown(source));
  });

  it('stops a render past the time limit with BODY_TOO_COMPLEX, and the next render still works', async () => {
    renderer = createMarkdownRenderer({ timeLimitMs: 100 });
    // A warm thread first, so that the limit is measured against the render, not the thread's start.
    await renderer.render('warm');
    const started = performance.now();
    expect(await codeOf(renderer.render(slowBody))).toBe('BODY_TOO_COMPLEX');
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(await renderer.render('*still here*')).toBe('<p><em>still here</em></p>\n');
  });

  it('keeps the main thread free while a slow render runs', async () => {
    renderer = createMarkdownRenderer({ timeLimitMs: 1_000 });
    await renderer.render('warm');
    const rendering = codeOf(renderer.render(slowBody));
    // A timer every 5 ms, while the render runs: on the main thread the render would let none fire.
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 5);
    expect(await rendering).toBe('BODY_TOO_COMPLEX');
    clearInterval(timer);
    // Most ticks came on time. (Not every one: a shared test machine stalls now and then by itself.)
    expect(gaps.length).toBeGreaterThan(50);
    expect([...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]).toBeLessThan(20);
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

  it('fails renders still waiting when closed', async () => {
    renderer = createMarkdownRenderer({ threads: 1 });
    const pending = expect(renderer.render('*never*')).rejects.toThrow(/closed/);
    await renderer.close();
    await pending;
    await expect(renderer.render('again')).rejects.toThrow(/closed/);
  });
});
