import { jsx as honoJsx } from 'hono/jsx/jsx-runtime';
import { raw } from 'hono/html';
import { describe, expect, it } from 'vitest';
import { renderDocument, renderFragment } from './html.ts';
import { jsx } from './jsx-runtime.ts';

type Make = typeof jsx;

/**
 * A page that uses every tag hono/jsx treats specially, each where Dateline writes it, with the given
 * runtime. (Metadata written in the body is where the two differ: see the next test.)
 */
function page(make: Make, text: string) {
  const h = (tag: string, props: Record<string, unknown>, ...children: unknown[]) =>
    make(
      tag,
      children.length ? { ...props, children: children.length === 1 ? children[0] : children } : props,
    );
  return h(
    'html',
    { lang: 'en' },
    h(
      'head',
      {},
      h('meta', { charset: 'utf-8' }),
      h('title', {}, text),
      h('meta', { name: 'description', content: text }),
      h('link', { rel: 'canonical', href: `https://example.test/${text}/` }),
      h('link', { rel: 'stylesheet', href: '/site.css' }),
      h('link', { rel: 'alternate', type: 'application/rss+xml', title: text, href: '/feed/' }),
      h('style', {}, 'p{color:red}'),
      h('script', { type: 'application/ld+json' }, raw('{"a":1}')),
      h('script', { src: '/late.js', async: true }),
    ),
    h(
      'body',
      {},
      h('p', { class: 'lede', 'data-x': text }, text, ' and ', 3),
      h(
        'form',
        { action: '/search', method: 'get' },
        h('label', { for: 'q' }, 'Search'),
        h('input', { id: 'q', name: 'q', value: text, maxlength: 200, required: true }),
        h('button', { type: 'submit', disabled: false }, 'Go'),
      ),
      h('script', { src: '/comment-form.js', defer: true }),
    ),
  );
}

describe("Dateline's JSX runtime", () => {
  it('renders every tag hono/jsx treats specially exactly as hono/jsx does, escaping included', () => {
    for (const text of ['Harbour news', 'Quotes " and <tags> & ampersands', "it's"]) {
      const ours = renderDocument(page(jsx, text));
      const hono = renderDocument(page(honoJsx as unknown as Make, text));
      expect(ours).toBe(hono);
      // Nothing the text holds reaches the page unescaped.
      if (text.includes('<')) expect(ours).not.toContain('<tags>');
    }
  });

  it('keeps metadata where it is written, where hono/jsx would move it into the head', () => {
    const tree = (make: Make) =>
      make('html', {
        children: [
          make('head', { children: make('title', { children: 'Page' }) }),
          make('body', {
            children: [make('link', { rel: 'preload', href: '/f.woff2' }), make('p', { children: 'x' })],
          }),
        ],
      });
    expect(renderDocument(tree(jsx))).toBe(
      '<!doctype html><html><head><title>Page</title></head><body><link rel="preload" href="/f.woff2"/><p>x</p></body></html>',
    );
    expect(renderDocument(tree(honoJsx as unknown as Make))).toContain(
      '<link rel="preload" href="/f.woff2"/></head>',
    );
  });

  it('calls components with their props and children', () => {
    const Box = ({ label, children }: { label: string; children?: unknown }) =>
      jsx('section', { 'aria-label': label, children });
    const html = renderFragment(jsx(Box, { label: 'a & b', children: jsx('b', { children: '<x>' }) }));
    expect(html).toBe('<section aria-label="a &amp; b"><b>&lt;x&gt;</b></section>');
  });
});
