import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it, vi } from 'vitest';
import { formatDate, initials, renderDocument } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { pageUrl } from './pagination.tsx';
import { isSlug, slugify } from './slug.ts';

describe('slugs', () => {
  it('are made from titles', () => {
    expect(slugify('Café Nights at the Pier!')).toBe('cafe-nights-at-the-pier');
    expect(slugify('  --Harbour  & Town-- ')).toBe('harbour-and-town');
    expect(slugify('???')).toBe('');
    expect(slugify('a'.repeat(200)).length).toBe(80);
  });
  it('are checked', () => {
    expect(isSlug('ferry-news-2026')).toBe(true);
    for (const bad of ['Ferry', 'ferry--news', '-ferry', 'ferry news', '', 'é'])
      expect(isSlug(bad), bad).toBe(false);
  });
});

describe('page links', () => {
  it('link page 1 to the list itself', () => {
    expect(pageUrl('/tag/x/', 1)).toBe('/tag/x/');
    expect(pageUrl('/tag/x/', 3)).toBe('/tag/x/page/3/');
  });
});

describe('markdown', () => {
  it('escapes raw HTML and refuses script links', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n[x](javascript:alert(2)) [y](https://ok.example/)',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<a href="https://ok.example/" rel="noopener">y</a>');
  });
});

describe('page helpers', () => {
  it('make initials from letters only', () => {
    expect(initials('Mara Lindqvist')).toBe('ML');
    expect(initials('Plato')).toBe('P');
    expect(initials('  ')).toBe('?');
    expect(initials('Eve <script>')).toBe('ES');
  });
  it('format dates in the site timezone', () => {
    expect(formatDate('2026-11-26T23:30:00.000Z', 'UTC')).toBe('26 November 2026');
    expect(formatDate('2026-11-26T23:30:00.000Z', 'Asia/Tokyo')).toBe('27 November 2026');
  });
});

describe('rendering', () => {
  it('never turns on AsyncLocalStorage, so async hooks stay off for the process', () => {
    const run = vi.spyOn(AsyncLocalStorage.prototype, 'run');
    const enterWith = vi.spyOn(AsyncLocalStorage.prototype, 'enterWith');
    try {
      // <head> and <svg> render through hono's namespace context, the path that reached for it.
      const html = renderDocument(
        <html lang="en">
          <head>
            <title>{'Harbour & town'}</title>
          </head>
          <body>
            <svg aria-hidden="true" viewBox="0 0 1 1">
              <title>icon</title>
            </svg>
            <p>{'<b>kept as text</b>'}</p>
          </body>
        </html>,
      );
      expect(html).toContain('<title>Harbour &amp; town</title>');
      expect(html).toContain('&lt;b&gt;kept as text&lt;/b&gt;');
      expect(run).not.toHaveBeenCalled();
      expect(enterWith).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
      enterWith.mockRestore();
    }
  });
});
