import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWxr, type WxrItem } from '../../src/modules/wordpress/index.ts';
import { writeWxrExport, wxrExportText } from './wxr-generator.ts';

describe("the benchmark's WordPress export", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-wxr-generator-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is read back by readWxr with every post, comment, author and term it says it wrote', async () => {
    const file = path.join(dir, 'harbour-gazette.xml');
    const written = await writeWxrExport(file, { posts: 300, comments: 900 });
    expect(written.bytes).toBe(fs.statSync(file).size);
    expect(written).toMatchObject({ posts: 300, pages: 3, attachments: 75, comments: 900, authors: 20 });

    const kinds: Record<string, number> = {};
    const items: WxrItem[] = [];
    for await (const record of readWxr(file)) {
      const kind = record.kind === 'item' ? record.postType : record.kind;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      if (record.kind === 'item') items.push(record);
      if (record.kind === 'site')
        expect(record).toMatchObject({ version: '1.2', title: 'The Harbour Gazette' });
    }
    expect(kinds).toEqual({
      site: 1,
      author: 20,
      category: written.categories,
      tag: written.tags,
      page: 3,
      post: 300,
      attachment: 75,
    });
    const posts = items.filter((i) => i.postType === 'post');
    const comments = posts.flatMap((p) => p.comments);
    expect(comments).toHaveLength(900);
    expect(new Set(comments.map((c) => c.id)).size).toBe(900);
    const replies = comments.filter((c) => c.parent !== 0);
    expect(replies).toHaveLength(written.replies);
    // Threads stay within their post, and some replies come before their parent.
    for (const post of posts) {
      const ids = new Set(post.comments.map((c) => c.id));
      for (const c of post.comments) if (c.parent) expect(ids.has(c.parent)).toBe(true);
    }
    expect(replies.filter((c) => c.id < c.parent)).toHaveLength(written.repliesBeforeParent);
    expect(written.repliesBeforeParent).toBeGreaterThan(0);
    // Both kinds of body, with their pictures.
    expect(posts.filter((p) => p.content.startsWith('<!-- wp:'))).toHaveLength(written.gutenbergPosts);
    expect(posts.some((p) => p.content.includes('<!-- wp:image {"id":'))).toBe(true);
    expect(posts.some((p) => p.content.includes('[caption id="attachment_'))).toBe(true);
    expect(posts.some((p) => p.content.includes('if (tides[day[0]]]>high)'))).toBe(true);
    expect(posts.every((p) => p.terms.some((t) => t.domain === 'category'))).toBe(true);
  });

  it('is the same for the same spec', async () => {
    const a = await wxrExportText({ posts: 20, comments: 40, seed: 7 });
    const b = await wxrExportText({ posts: 20, comments: 40, seed: 7 });
    expect(a.text).toBe(b.text);
    expect(a.summary.bytes).toBe(Buffer.byteLength(a.text));
  });
});
