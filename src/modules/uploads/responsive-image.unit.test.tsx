import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../platform/render/html.ts';
import { ResponsiveImage } from './views/responsive-image.tsx';

const upload = {
  storageKey: 'ab/abc/original.jpg',
  width: 2000,
  height: 1000,
  variants: [
    { width: 480, height: 240, key: 'ab/abc/w480.webp', mime: 'image/webp' },
    { width: 960, height: 480, key: 'ab/abc/w960.webp', mime: 'image/webp' },
  ],
};

describe('ResponsiveImage', () => {
  it('offers every size and reserves the space', () => {
    const $ = load(
      renderFragment(
        <ResponsiveImage
          upload={upload}
          alt={'Ferry "Nordlys" <docked>'}
          sizes="(min-width: 60rem) 50vw, 100vw"
        />,
      ),
    );
    const img = $('img');
    expect(img.attr('src')).toBe('/uploads/ab/abc/original.jpg');
    expect(img.attr('srcset')).toBe('/uploads/ab/abc/w480.webp 480w, /uploads/ab/abc/w960.webp 960w');
    expect(img.attr('sizes')).toBe('(min-width: 60rem) 50vw, 100vw');
    expect([img.attr('width'), img.attr('height')]).toEqual(['2000', '1000']);
    expect(img.attr('alt')).toBe('Ferry "Nordlys" <docked>');
    expect(img.attr('loading')).toBe('lazy');
    expect(img.attr('decoding')).toBe('async');
    expect(renderFragment(<ResponsiveImage upload={upload} alt="x" />)).not.toContain('<docked>');
  });

  it('can load eagerly, and drops srcset when there are no sizes', () => {
    const $ = load(
      renderFragment(<ResponsiveImage upload={{ ...upload, variants: [] }} alt="" loading="eager" />),
    );
    expect($('img').attr('loading')).toBe('eager');
    expect($('img').attr('srcset')).toBeUndefined();
    expect($('img').attr('alt')).toBe('');
  });
});
