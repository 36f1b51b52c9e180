import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MixedDecoder, highHalf } from './wxr-text.ts';
import {
  type ReadWxrOptions,
  type WxrAuthor,
  type WxrItem,
  type WxrRecord,
  type WxrSite,
  type WxrTerm,
  WxrError,
  readWxr,
} from './wxr.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/harbour-gazette-wxr-1.2.xml', import.meta.url));
const UTF8_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dateline-wxr-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(source: string | Buffer, options?: ReadWxrOptions): Promise<WxrRecord[]> {
  const records: WxrRecord[] = [];
  const input = typeof source === 'string' ? source : Readable.from([source]);
  for await (const record of readWxr(input, options)) records.push(record);
  return records;
}

/** Reads a document given as text or bytes (through a stream, not a file). */
const parse = (xml: string | Buffer, options?: ReadWxrOptions) =>
  collect(typeof xml === 'string' ? Buffer.from(xml) : xml, options);

async function failure(promise: Promise<unknown>): Promise<WxrError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(WxrError);
  return error as WxrError;
}

const items = (records: WxrRecord[]) => records.filter((record): record is WxrItem => record.kind === 'item');

/**
 * A small export: the declaration is line 1, <rss> line 2, <channel> line 3, <title> line 4, and
 * `body` starts on line 5. `wp` is the prefix bound to the export namespace.
 */
function wxr(body: string, { version = '1.2', wp = 'wp', declaration = UTF8_DECLARATION } = {}): string {
  return `${declaration}
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/${version}/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:${wp}="http://wordpress.org/export/${version}/">
<channel>
<title>The Harbour Gazette</title>
${body}
</channel>
</rss>
`;
}

const post = (id: number, title: string, content = '') =>
  `<item><title>${title}</title><content:encoded><![CDATA[${content}]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_type>post</wp:post_type></item>`;

describe('readWxr: records of a WXR 1.2 export', () => {
  it('yields the site, then authors, terms and items in document order', async () => {
    const records = await collect(FIXTURE);
    expect(records.map((record) => record.kind)).toEqual([
      'site',
      'author',
      'author',
      'category',
      'category',
      'tag',
      'term',
      'item',
      'item',
      'item',
    ]);
    expect(records[0]).toEqual<WxrSite>({
      kind: 'site',
      version: '1.2',
      title: 'The Harbour Gazette',
      link: 'https://harbourgazette.example',
      baseSiteUrl: 'https://harbourgazette.example',
      baseBlogUrl: 'https://harbourgazette.example',
    });
    expect(records[1]).toEqual<WxrAuthor>({
      kind: 'author',
      id: 3,
      login: 'mbrennan',
      email: 'maeve@harbourgazette.example',
      displayName: 'Maeve Brennan',
      firstName: 'Maeve',
      lastName: 'Brennan',
      line: 21,
    });
    const terms = records.filter(
      (record): record is WxrTerm => record.kind !== 'item' && 'taxonomy' in record,
    );
    expect(terms).toEqual<WxrTerm[]>([
      {
        kind: 'category',
        id: 4,
        taxonomy: 'category',
        slug: 'town',
        name: 'Town',
        parentSlug: '',
        description: '',
        line: 24,
      },
      {
        kind: 'category',
        id: 9,
        taxonomy: 'category',
        slug: 'council',
        name: 'Council & Planning',
        parentSlug: 'town',
        description: 'Meetings, votes and the harbour plan.',
        line: 30,
      },
      {
        kind: 'tag',
        id: 12,
        taxonomy: 'post_tag',
        slug: 'ferries',
        name: 'Ferries',
        parentSlug: '',
        description: 'Crossings, timetables and strikes.',
        line: 37,
      },
      {
        kind: 'term',
        id: 15,
        taxonomy: 'nav_menu',
        slug: 'main-menu',
        name: 'Main menu',
        parentSlug: '',
        description: '',
        line: 43,
      },
    ]);
  });

  it('reads an item with its terms, postmeta, comments and commentmeta', async () => {
    const [story, page, photo] = items(await collect(FIXTURE));
    expect(story).toMatchObject({
      line: 53,
      title: 'Night ferry to return after a winter away',
      link: 'https://harbourgazette.example/2024/05/night-ferry-returns/',
      guid: 'https://harbourgazette.example/?p=101',
      creator: 'mbrennan',
      postId: 101,
      postDate: '2024-05-31 19:30:00',
      postDateGmt: '2024-05-31 18:30:00',
      modified: '2024-06-01 09:12:00',
      modifiedGmt: '2024-06-01 08:12:00',
      commentStatus: 'open',
      postName: 'night-ferry-returns',
      status: 'publish',
      postParent: 0,
      menuOrder: 0,
      postType: 'post',
      password: '',
      isSticky: true,
      attachmentUrl: '',
    });
    expect(story?.terms).toEqual([
      { domain: 'category', slug: 'town', name: 'Town' },
      { domain: 'post_tag', slug: 'ferries', name: 'Ferries' },
    ]);
    expect(story?.meta).toEqual([
      { key: '_thumbnail_id', value: '140' },
      { key: '_wp_old_slug', value: 'night-ferry-back' },
    ]);
    expect(story?.comments).toEqual([
      {
        id: 55,
        author: 'Ferry regular',
        email: 'regular@mail.example',
        url: 'https://regular.example',
        ip: '192.0.2.15',
        date: '2024-05-31 21:02:11',
        dateGmt: '2024-05-31 20:02:11',
        content: 'About time.\nThe last bus leaves at 23:10, so mind the gap. ',
        approved: '1',
        type: 'comment',
        parent: 0,
        userId: 0,
        meta: [{ key: 'rating', value: '5' }],
      },
      expect.objectContaining({
        id: 56,
        approved: '0',
        type: '',
        parent: 55,
        userId: 3,
        meta: [],
      }) as unknown,
    ]);
    expect(page).toMatchObject({
      postType: 'page',
      status: 'draft',
      postDateGmt: '0000-00-00 00:00:00',
      password: 'tide table',
      isSticky: false,
      menuOrder: 3,
    });
    expect(photo).toMatchObject({
      postType: 'attachment',
      postParent: 101,
      attachmentUrl: 'https://harbourgazette.example/wp-content/uploads/2024/05/ferry-pier.jpg',
    });
    expect(photo?.meta[1]?.value).toBe('a:2:{s:5:"width";i:1600;s:6:"height";i:1067;}');
  });

  it('keeps content and excerpts exactly, and turns escaped CDATA back into ]]>', async () => {
    const [story] = items(await collect(FIXTURE));
    expect(story?.content).toContain('<code>if (a[b[0]]>1) { sail(); }</code>');
    expect(story?.content.startsWith('<!-- wp:paragraph -->\n<p>The 23:40')).toBe(true);
    expect(story?.content.endsWith('<!-- /wp:code -->\n')).toBe(true);
    expect(story?.excerpt).toBe('  The late crossing is back.  ');
  });

  it('joins text split by several CDATA sections and entities', async () => {
    const body = `<item><title>Tides &amp; <![CDATA[times]]> at 6&#8217;o clock</title>
<content:encoded><![CDATA[one]]]]><![CDATA[>two]]]]><![CDATA[>]]></content:encoded></item>`;
    const [item] = items(await parse(wxr(body)));
    expect(item?.title).toBe('Tides & times at 6’o clock');
    expect(item?.content).toBe('one]]>two]]>');
  });

  it('ignores unknown elements, wherever they are', async () => {
    const body = `<wp:wxr_version>1.2</wp:wxr_version><wp:future_thing><wp:author>not an author</wp:author></wp:future_thing>
<item xmlns:wfw="http://wellformedweb.org/CommentAPI/"><title>Quay</title><wfw:commentRss>https://x.example/feed</wfw:commentRss>
<wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_extra>x</wp:meta_extra><wp:meta_value>v</wp:meta_value></wp:postmeta>
<wp:brand_new_field><wp:post_id>999</wp:post_id></wp:brand_new_field><wp:post_id>7</wp:post_id></item>`;
    const records = await parse(wxr(body));
    expect(records.map((record) => record.kind)).toEqual(['site', 'item']);
    expect(items(records)[0]).toMatchObject({ title: 'Quay', postId: 7, meta: [{ key: 'k', value: 'v' }] });
  });

  it('yields the site at the end of a channel with no records', async () => {
    const records = await parse(wxr('<wp:base_site_url> https://harbourgazette.example </wp:base_site_url>'));
    expect(records).toEqual([
      expect.objectContaining({ kind: 'site', baseSiteUrl: 'https://harbourgazette.example' }),
    ]);
  });
});

describe('readWxr: versions and namespaces', () => {
  it('reads WXR 1.0, where tags have the domain "tag" and each term comes twice', async () => {
    const body = `<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>news</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
<item><title>Old mill reopens</title><wp:post_id>3</wp:post_id>
<category><![CDATA[News]]></category>
<category domain="category" nicename="news"><![CDATA[News]]></category>
<category domain="tag"><![CDATA[Mills]]></category>
<category domain="tag" nicename="mills"><![CDATA[Mills]]></category>
<category domain="tag"><![CDATA[Only here]]></category>
</item>`;
    const records = await parse(wxr(body, { version: '1.0' }));
    expect(records[0]).toMatchObject({ kind: 'site', version: '1.0' });
    expect(records[1]).toMatchObject({ kind: 'category', slug: 'news', name: 'News', id: 1 });
    expect(items(records)[0]?.terms).toEqual([
      { domain: 'category', slug: 'news', name: 'News' },
      { domain: 'post_tag', slug: 'mills', name: 'Mills' },
      { domain: 'post_tag', slug: '', name: 'Only here' },
    ]);
  });

  it('reads WXR 1.1', async () => {
    const body = `<wp:author><wp:author_login>ed</wp:author_login></wp:author>${post(4, 'Regatta')}`;
    const records = await parse(wxr(body, { version: '1.1' }));
    expect(records.map((record) => record.kind)).toEqual(['site', 'author', 'item']);
    expect(records[0]).toMatchObject({ version: '1.1' });
    expect(records[1]).toMatchObject({ login: 'ed', id: null });
  });

  it('matches namespaces by URI, not by prefix', async () => {
    const xml = `${UTF8_DECLARATION}
<rss version="2.0" xmlns:wp="https://plugins.example/not-wordpress/" xmlns:export="http://wordpress.org/export/1.2/" xmlns:body="http://purl.org/rss/1.0/modules/content/" xmlns:who="http://purl.org/dc/elements/1.1/">
<channel><title>Gazette</title>
<export:author><export:author_login>mbrennan</export:author_login></export:author>
<item>
<title>Lifeboat day</title><who:creator>mbrennan</who:creator><body:encoded><![CDATA[<p>Crowds on the slipway.</p>]]></body:encoded>
<wp:post_id>999</wp:post_id><export:post_id>21</export:post_id>
<excerpt:encoded xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">Crowds.</excerpt:encoded>
</item></channel></rss>`;
    const records = await parse(xml);
    expect(records[1]).toMatchObject({ kind: 'author', login: 'mbrennan' });
    expect(items(records)[0]).toMatchObject({
      creator: 'mbrennan',
      content: '<p>Crowds on the slipway.</p>',
      excerpt: 'Crowds.',
      postId: 21,
    });
  });

  it('resolves well-known prefixes that the file forgot to declare', async () => {
    const xml = `<rss><channel><item><title>Pier</title><wp:post_id>8</wp:post_id><excerpt:encoded>Short.</excerpt:encoded></item></channel></rss>`;
    const records = await parse(xml);
    expect(records[0]).toMatchObject({ kind: 'site', version: '1.2' });
    expect(items(records)[0]).toMatchObject({ postId: 8, excerpt: 'Short.' });
  });

  it('finds the export namespace declared on the channel or the item', async () => {
    const xml = `<rss><channel xmlns:wp="http://wordpress.org/export/1.1/"><item><wp:post_id>5</wp:post_id></item></channel></rss>`;
    expect(items(await parse(xml))[0]?.postId).toBe(5);
    const late = `<rss><channel><item xmlns:wp="http://wordpress.org/export/1.2/"><wp:post_id>6</wp:post_id></item></channel></rss>`;
    expect(await parse(late)).toEqual([
      expect.objectContaining({ version: '1.2' }),
      expect.objectContaining({ postId: 6 }),
    ]);
  });
});

// Bytes of text in windows-1252, for the few characters above Latin-1 that the tests use.
function cp1252(text: string): Buffer {
  const above: Record<string, number> = { '€': 0x80, '–': 0x96, '“': 0x93, '”': 0x94, '’': 0x92 };
  return Buffer.from([...text].map((char) => above[char] ?? char.charCodeAt(0)));
}

describe('readWxr: encodings', () => {
  const title = 'Café Ñandú – “quotes” 日本 🚢';

  it('reads UTF-8 in a file that declares ISO-8859-1', async () => {
    const xml = wxr(post(1, title, `<p>${title}</p>`), {
      declaration: '<?xml version="1.0" encoding="ISO-8859-1"?>',
    });
    const [item] = items(await parse(xml));
    expect(item?.title).toBe(title);
    expect(item?.content).toBe(`<p>${title}</p>`);
  });

  it('reads stray Latin-1 bytes among UTF-8 in a file that declares windows-1252', async () => {
    const bytes = Buffer.concat([
      Buffer.from(
        wxr('@', { declaration: '<?xml version="1.0" encoding="windows-1252"?>' }).split('@')[0] ?? '',
      ),
      Buffer.from('<item><title>'),
      Buffer.from('Ñandú '),
      cp1252('café “bar” €5'),
      Buffer.from('</title></item>'),
      Buffer.from('\n</channel>\n</rss>\n'),
    ]);
    expect(items(await parse(bytes))[0]?.title).toBe('Ñandú café “bar” €5');
  });

  it('reads a true windows-1252 file', async () => {
    const xml = wxr(post(1, 'Quay – “night” ferry’s return, €2'), {
      declaration: "<?xml version='1.0' encoding='windows-1252'?>",
    });
    const [item] = items(await parse(cp1252(xml)));
    expect(item?.title).toBe('Quay – “night” ferry’s return, €2');
  });

  it('replaces invalid UTF-8 bytes with U+FFFD', async () => {
    const [head, tail] = wxr(post(1, '@')).split('@');
    const bytes = Buffer.concat([
      Buffer.from(head ?? ''),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0xc3]),
      Buffer.from(tail ?? ''),
    ]);
    expect(items(await parse(bytes))[0]?.title).toBe('Caf\uFFFD\uFFFD');
  });

  it('strips a UTF-8 byte order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(wxr(post(1, title)))]);
    expect(items(await parse(bytes))[0]?.title).toBe(title);
  });

  it('reads UTF-16 with a byte order mark', async () => {
    const bytes = Buffer.from(
      `\uFEFF${wxr(post(1, title), { declaration: '<?xml version="1.0" encoding="UTF-16"?>' })}`,
      'utf16le',
    );
    expect(items(await parse(bytes))[0]?.title).toBe(title);
  });

  it('skips blank lines before the XML declaration and still counts them', async () => {
    const records = await parse(`\n\n${wxr(post(1, 'Harbour'))}`);
    expect(items(records)[0]).toMatchObject({ title: 'Harbour', line: 7 });
  });
});

describe('readWxr: characters XML forbids', () => {
  it('replaces forbidden characters and references to forbidden code points with U+FFFD', async () => {
    const body = `<item><title>a\u0001b\u000Bc\u001Fd\uFFFEe</title>
<content:encoded><![CDATA[raw\u0000 and &#0; stay as written in CDATA]]></content:encoded>
<excerpt:encoded>&#xD800;|&#0;|&#x1F;|&#65535;|&#x110000;|&#x1F600;|&#9;|&#233;</excerpt:encoded>
<wp:post_password>]]></wp:post_password>
</item>`;
    const [item] = items(await parse(wxr(body)));
    expect(item?.title).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(item?.content).toBe('raw\uFFFD and &#0; stay as written in CDATA');
    expect(item?.excerpt).toBe('\uFFFD|\uFFFD|\uFFFD|\uFFFD|\uFFFD|😀|\t|é');
    // `]]>` outside CDATA is not well-formed; it reads as the text it was meant to be.
    expect(item?.password).toBe(']]>');
  });

  it('replaces lone surrogates', async () => {
    const bytes = Buffer.from(`\uFEFF${wxr(post(1, 'x\uD800y\uDC00z'))}`, 'utf16le');
    expect(items(await parse(bytes))[0]?.title).toBe('x\uFFFDy\uFFFDz');
  });
});

describe('readWxr: chunk boundaries', () => {
  const tricky = wxr(
    `<wp:author><wp:author_display_name>Siân Ó Dónaill 🚢</wp:author_display_name></wp:author>
<item><title>Ñandú &#x1F6A2;&#233;&amp;&#xD800; “quay”</title>
<content:encoded><![CDATA[a]]]]><![CDATA[>b <!-- c --> &#0; 日本語]]></content:encoded>
<excerpt:encoded><!-- <![CDATA[ not CDATA --> &#x1F;x</excerpt:encoded>
<wp:post_id>12</wp:post_id></item>`,
    { declaration: '<?xml version="1.0" encoding="ISO-8859-1"?>' },
  );

  it('reads the same records whatever the chunk size (highWaterMark 7)', async () => {
    const file = join(dir, 'tricky.xml');
    await writeFile(file, tricky);
    const whole = await parse(tricky);
    expect(items(whole)[0]).toMatchObject({
      title: 'Ñandú 🚢é&\uFFFD “quay”',
      content: 'a]]>b <!-- c --> &#0; 日本語',
      excerpt: ' \uFFFDx',
    });
    expect(await collect(file, { highWaterMark: 7 })).toEqual(whole);
    expect(await collect(FIXTURE, { highWaterMark: 7 })).toEqual(await collect(FIXTURE));
  });

  it.each([1, 2, 3, 5, 11])('reads the same records in chunks of %i bytes', async (size) => {
    expect(await parse(tricky, { highWaterMark: size })).toEqual(await parse(tricky));
  });

  it('decodes mixed UTF-8 and windows-1252 fed one byte at a time', () => {
    const decoder = new MixedDecoder(highHalf('windows-1252'));
    const bytes = Buffer.concat([Buffer.from('é🚢'), cp1252('“é”'), Buffer.from([0xe6, 0x97])]);
    const text = [...bytes].map((byte) => decoder.decode(Uint8Array.of(byte))).join('') + decoder.end();
    expect(text).toBe('é🚢“é”æ—');
  });
});

describe('readWxr: sources', () => {
  it('gunzips by the magic bytes, whatever the file is called', async () => {
    const file = join(dir, 'export.xml');
    await writeFile(file, gzipSync(await readFile(FIXTURE)));
    expect(await collect(file, { highWaterMark: 7 })).toEqual(await collect(FIXTURE));
  });

  it('reports a truncated gzip file as a truncated export', async () => {
    const file = join(dir, 'cut.xml.gz');
    const zipped = gzipSync(await readFile(FIXTURE));
    await writeFile(file, zipped.subarray(0, zipped.length - 200));
    const error = await failure(collect(file));
    expect(error.message).toMatch(/^The export ends early \(truncated\?\) at line \d+$/);
  });

  it('reports progress in bytes of the file', async () => {
    const size = (await readFile(FIXTURE)).length;
    const calls: [number, number | null][] = [];
    await collect(FIXTURE, { highWaterMark: 1024, onProgress: (read, total) => calls.push([read, total]) });
    expect(calls.length).toBe(Math.ceil(size / 1024));
    expect(calls.at(-1)).toEqual([size, size]);
    expect(calls.every(([read], i) => i === 0 || read > (calls[i - 1]?.[0] ?? 0))).toBe(true);

    const streamed: (number | null)[] = [];
    await parse(await readFile(FIXTURE), { onProgress: (read, total) => streamed.push(read, total) });
    expect(streamed).toEqual([size, null]);
  });

  it('reads lazily: stopping after the first item stops reading the stream', async () => {
    let produced = 0;
    let isClosed = false;
    async function* stories() {
      try {
        yield wxr('@').split('@')[0] ?? '';
        // Enough that reading it all would show, not so much that a reader that is not lazy runs out of memory.
        while (produced < 5000) yield post(++produced, `Story ${produced}`, 'x'.repeat(1000));
        yield '</channel></rss>';
      } finally {
        isClosed = true;
      }
    }
    const source = Readable.from(stories());
    let first: WxrItem | undefined;
    for await (const record of readWxr(source)) {
      // The consumer may take its time between records.
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (record.kind === 'item') {
        first = record;
        break;
      }
    }
    expect(first?.postId).toBe(1);
    expect(produced).toBeLessThan(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.destroyed).toBe(true);
    expect(isClosed).toBe(true);
  });
});

describe('readWxr: errors', () => {
  it('refuses an RSS feed without the export namespace, naming the line', async () => {
    const feed = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Harbour Gazette</title>
<link>https://harbourgazette.example</link>

<item><title>Night ferry returns</title></item>
</channel></rss>`;
    const error = await failure(parse(feed));
    expect(error.message).toMatch(/^line 6: This file is not a WordPress export \(WXR\): /);
    expect(error.line).toBe(6);
  });

  it('refuses an HTML page', async () => {
    for (const page of [
      '<!DOCTYPE html>\n<html lang="en"><head><title>Gazette</title></head><body><p>Hello</p></body></html>',
      '<!doctype html>\n<html><head><meta charset="utf-8"></head></html>',
    ]) {
      const error = await failure(parse(page));
      expect(error.message).toMatch(/This file is not a WordPress export \(WXR\): .*web page \(HTML\)/);
      expect(error.line).toBeGreaterThan(0);
    }
  });

  it('refuses other XML and an unknown export version', async () => {
    const atom = await failure(parse('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'));
    expect(atom.message).toMatch(
      /^line 1: This file is not a WordPress export \(WXR\): the document is <feed>/,
    );
    const future = await failure(parse(wxr(post(1, 'x'), { version: '2.0' })));
    expect(future.message).toMatch(
      /line 5: .*http:\/\/wordpress.org\/export\/2.0\/ is not WXR 1.0, 1.1 or 1.2/,
    );
  });

  it('reports malformed XML with its line and the parser’s reason, after the records before it', async () => {
    const records: WxrRecord[] = [];
    const broken = wxr(`${post(1, 'Fine')}\n<item><title>Broken</titel></item>`);
    const error = await failure(
      (async () => {
        for await (const record of readWxr(Readable.from([Buffer.from(broken)]))) records.push(record);
      })(),
    );
    expect(error.message).toMatch(/^line 6, column \d+: The export is not well-formed XML: .*close tag/);
    expect(error.line).toBe(6);
    expect(items(records).map((item) => item.title)).toEqual(['Fine']);
  });

  it('reports an undefined entity as malformed XML', async () => {
    const error = await failure(parse(wxr('<item><title>A&nbsp;B</title></item>')));
    expect(error.message).toMatch(/^line 5, column \d+: The export is not well-formed XML: /);
  });

  it('reports a truncated export with the line it stops at', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    const cut = text.slice(0, text.indexOf('About time.') + 5);
    const error = await failure(parse(cut));
    const lines = cut.split('\n').length;
    expect(error.message).toBe(`The export ends early (truncated?) at line ${lines}`);
    expect(error.line).toBe(lines);
  });

  it('refuses an empty file clearly', async () => {
    const file = join(dir, 'empty.xml');
    await writeFile(file, '');
    expect((await failure(collect(file))).message).toMatch(/empty/);
    expect((await failure(parse('\uFEFF \n\n'))).message).toMatch(/empty/);
    expect((await failure(parse('<?xml version="1.0"?>\n'))).message).toMatch(/not a WordPress export/);
  });

  it('ignores what a plugin printed after the closing </rss>', async () => {
    const records = await parse(`${wxr(post(1, 'Last'))}\nWarning: headers already sent <b>oops</b>`);
    expect(items(records)[0]?.title).toBe('Last');
  });
});
