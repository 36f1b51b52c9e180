import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileStorage, InvalidStorageKeyError, isValidStorageKey, type FileStorage } from './storage.ts';

describe('storage keys', () => {
  it.each(['ab/abc123/w480.webp', 'x.png', 'a/b/c/d.jpg', 'a-b_c.d'])('accepts %s', (key) => {
    expect(isValidStorageKey(key)).toBe(true);
  });

  it.each([
    '',
    '../secret.png',
    'a/../../etc/passwd',
    '/etc/passwd',
    'a//b.png',
    'a/./b.png',
    '.hidden',
    'a/.htaccess',
    'a\\b.png',
    'A/B.PNG',
    'a/b.png/',
    'a..b/c.png',
    'a%2f..%2fb',
    'x'.repeat(600),
  ])('refuses %j', (key) => {
    expect(isValidStorageKey(key)).toBe(false);
  });
});

describe('the filesystem storage', () => {
  let outside: string;
  let root: string;
  let storage: FileStorage;
  beforeEach(async () => {
    outside = await mkdtemp(path.join(tmpdir(), 'dateline-storage-'));
    root = path.join(outside, 'uploads');
    storage = createFileStorage({ root });
    await writeFile(path.join(outside, 'secret.png'), 'not for readers');
  });
  afterEach(async () => rm(outside, { recursive: true, force: true }));

  it('puts, gets and deletes a file, with its content type from the key', async () => {
    await storage.put('ab/abc/w480.webp', Buffer.from('webp bytes'), 'image/webp');
    const file = await storage.get('ab/abc/w480.webp');
    expect(file?.contentType).toBe('image/webp');
    expect(file?.size).toBe(10);
    expect(await text(file!.body)).toBe('webp bytes');
    // No temporary file is left behind.
    expect(await readdir(path.join(root, 'ab/abc'))).toEqual(['w480.webp']);
    await storage.delete('ab/abc/w480.webp');
    expect(await storage.get('ab/abc/w480.webp')).toBeUndefined();
    await storage.delete('ab/abc/w480.webp');
  });

  it('finds nothing for a missing key or a folder (no listing)', async () => {
    await storage.put('ab/c.png', Buffer.from('x'), 'image/png');
    expect(await storage.get('ab/missing.png')).toBeUndefined();
    expect(await storage.get('ab')).toBeUndefined();
  });

  it('never reads or writes outside its folder', async () => {
    expect(await storage.get('../secret.png')).toBeUndefined();
    await expect(storage.put('../evil.png', Buffer.from('x'), 'image/png')).rejects.toThrow(
      InvalidStorageKeyError,
    );
    await expect(storage.delete('../secret.png')).rejects.toThrow(InvalidStorageKeyError);
    expect(await readFile(path.join(outside, 'secret.png'), 'utf8')).toBe('not for readers');
  });

  it('refuses a key whose extension does not match the content type', async () => {
    await expect(storage.put('a/b.png', Buffer.from('x'), 'text/html')).rejects.toThrow(
      InvalidStorageKeyError,
    );
  });

  it('is shared: a second instance on the same folder sees the first one’s files', async () => {
    await storage.put('s/shared.jpg', Buffer.from('jpeg'), 'image/jpeg');
    const other = createFileStorage({ root });
    expect(await text((await other.get('s/shared.jpg'))!.body)).toBe('jpeg');
  });
});
