import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zipOf, type ZipEntry } from '../../../test/zip.ts';
import { extractUploadsZip, inspectUploadsZip, uploadsRootOf, ZipRefusedError } from './uploads-zip.ts';

describe('the uploads zip', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dateline-zip-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(entries: ZipEntry[]): string {
    const file = path.join(dir, 'uploads.zip');
    writeFileSync(file, zipOf(entries));
    return file;
  }

  /** Every file under a folder, relative to it. */
  function filesUnder(root: string): string[] {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
      .sort();
  }

  it('unpacks files and folders, leaving out the clutter operating systems add', async () => {
    const file = write([
      { name: 'wp-content/' },
      { name: 'wp-content/uploads/' },
      { name: 'wp-content/uploads/2024/05/ferry-pier.jpg', bytes: 'jpeg' },
      { name: 'wp-content/uploads/2024/06/quay.png', bytes: 'png' },
      { name: '__MACOSX/wp-content/uploads/2024/05/._ferry-pier.jpg', bytes: 'fork' },
      { name: 'wp-content/uploads/.DS_Store', bytes: 'finder' },
    ]);
    expect(await inspectUploadsZip(file)).toEqual({ files: 2, bytes: 7, root: 'wp-content/uploads' });
    const out = path.join(dir, 'out');
    const seen: number[] = [];
    const summary = await extractUploadsZip(file, out, { onBytes: (n) => seen.push(n) });
    expect(summary.root).toBe('wp-content/uploads');
    expect(filesUnder(out)).toEqual([
      'wp-content/uploads/2024/05/ferry-pier.jpg',
      'wp-content/uploads/2024/06/quay.png',
    ]);
    expect(readFileSync(path.join(out, 'wp-content/uploads/2024/05/ferry-pier.jpg'), 'utf8')).toBe('jpeg');
    expect(seen.at(-1)).toBe(7);
  });

  it('finds the folder that holds the year folders, however the zip was made', () => {
    expect(uploadsRootOf(['2024/05/a.jpg', '2023/12/b.jpg'])).toBe('');
    expect(uploadsRootOf(['uploads/2024/05/a.jpg'])).toBe('uploads');
    expect(uploadsRootOf(['wp-content/uploads/2024/05/a.jpg', 'wp-content/uploads/2024/05/b.jpg'])).toBe(
      'wp-content/uploads',
    );
    expect(uploadsRootOf(['backup/site/wp-content/uploads/2019/01/a.jpg'])).toBe(
      'backup/site/wp-content/uploads',
    );
    // Most files decide; a stray dated folder elsewhere does not.
    expect(uploadsRootOf(['uploads/2024/05/a.jpg', 'uploads/2024/05/b.jpg', 'misc/2020/01/c.jpg'])).toBe(
      'uploads',
    );
    // No dated folders: the uploads folder, or the one folder everything is in.
    expect(uploadsRootOf(['wp-content/uploads/a.jpg'])).toBe('wp-content/uploads');
    expect(uploadsRootOf(['site-pictures/a.jpg', 'site-pictures/b.jpg'])).toBe('site-pictures');
    expect(uploadsRootOf(['a.jpg', 'b.jpg'])).toBe('');
  });

  const hostile: [string, ZipEntry[], RegExp][] = [
    [
      'a path out of the folder',
      [{ name: '../evil.jpg', bytes: 'x' }],
      /“\.\.\/evil\.jpg” leads out of the folder/,
    ],
    [
      'a path out of the folder further down',
      [{ name: 'uploads/2024/../../../evil.jpg', bytes: 'x' }],
      /leads out of the folder/,
    ],
    ['a Windows path out of the folder', [{ name: '..\\evil.jpg', bytes: 'x' }], /leads out of the folder/],
    ['an absolute path', [{ name: '/etc/evil', bytes: 'x' }], /“\/etc\/evil” is an absolute path/],
    ['a drive letter', [{ name: 'C:/evil', bytes: 'x' }], /is an absolute path/],
    [
      'a symbolic link',
      [{ name: 'uploads/2024/05/link.jpg', bytes: '/etc/passwd', mode: 0o120777 }],
      /“uploads\/2024\/05\/link\.jpg” is a symbolic link/,
    ],
    ['a device', [{ name: 'uploads/dev', bytes: '', mode: 0o020644 }], /is not a plain file or folder/],
    ['no files at all', [{ name: 'uploads/' }], /holds no files/],
  ];

  it.each(hostile)(
    'refuses %s, before and while unpacking, writing nothing outside',
    async (_what, entries, message) => {
      const file = write(entries);
      await expect(inspectUploadsZip(file)).rejects.toThrow(message);
      await expect(inspectUploadsZip(file)).rejects.toBeInstanceOf(ZipRefusedError);
      const out = path.join(dir, 'deep', 'out');
      if (entries.some((e) => !e.name.endsWith('/')))
        await expect(extractUploadsZip(file, out)).rejects.toThrow(message);
      expect(existsSync(path.join(dir, 'deep', 'evil.jpg'))).toBe(false);
      expect(existsSync(path.join(dir, 'evil.jpg'))).toBe(false);
      expect(existsSync(out) ? filesUnder(out) : []).toEqual([]);
    },
  );

  it('refuses a zip bomb: too many entries, or too many bytes unpacked', async () => {
    const many = write(Array.from({ length: 11 }, (_, i) => ({ name: `2024/05/${i}.jpg`, bytes: 'x' })));
    const limits = { maxEntries: 10, maxBytes: 1000 };
    await expect(inspectUploadsZip(many, limits)).rejects.toThrow(/holds 11 entries; at most 10/);
    await expect(extractUploadsZip(many, path.join(dir, 'a'), { limits })).rejects.toThrow(/at most 10/);
    const big = write([
      { name: '2024/05/a.jpg', bytes: 'x'.repeat(600) },
      { name: '2024/05/b.jpg', bytes: 'x'.repeat(600) },
    ]);
    await expect(inspectUploadsZip(big, limits)).rejects.toThrow(/unpacks to more than .*zip bomb/);
    await expect(extractUploadsZip(big, path.join(dir, 'b'), { limits })).rejects.toThrow(/zip bomb/);
  });

  it('refuses a file named twice, a zip that lies about its sizes, and a file that is no zip', async () => {
    const twice = write([
      { name: '2024/05/a.jpg', bytes: 'one' },
      { name: '2024/05/a.jpg', bytes: 'two' },
    ]);
    await expect(extractUploadsZip(twice, path.join(dir, 'a'))).rejects.toThrow(/is in it twice/);
    const liar = write([{ name: '2024/05/a.jpg', bytes: 'x'.repeat(100), declaredSize: 10 }]);
    await expect(extractUploadsZip(liar, path.join(dir, 'b'))).rejects.toBeInstanceOf(ZipRefusedError);
    const notZip = path.join(dir, 'not.zip');
    writeFileSync(notZip, 'just some text, no zip at all');
    await expect(inspectUploadsZip(notZip)).rejects.toThrow(/not a zip Dateline can read/);
  });
});
