import { describe, expect, it } from 'vitest';
import {
  isSitePath,
  isWebAddress,
  moveEntry,
  parseStoredMenu,
  removeEntry,
  type MenuEntry,
} from './rules.ts';

const entry = (id: number, children: MenuEntry[] = []): MenuEntry => ({
  id,
  kind: 'url',
  label: `Link ${id}`,
  target: `/l${id}/`,
  children,
});

describe('menu rules', () => {
  it('tells a site path and a web address from anything else', () => {
    for (const ok of ['/', '/about/', '/section/news/?page=2']) expect(isSitePath(ok), ok).toBe(true);
    for (const bad of ['//evil.example/', '/\\evil', 'about', '/a b', '/a\u202eb', 'javascript:x'])
      expect(isSitePath(bad), bad).toBe(false);
    for (const ok of ['https://tides.example/', 'http://a.example/x?y=1'])
      expect(isWebAddress(ok), ok).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'mailto:a@b.example',
      'https:// x',
    ])
      expect(isWebAddress(bad), bad).toBe(false);
  });

  it('moves within one level, and never deeper', () => {
    const menu = [entry(1, [entry(2)]), entry(3), entry(4)];
    expect(moveEntry('header', menu, 3, 'in')).toBeUndefined();
    expect(menu.map((e) => [e.id, e.children.map((c) => c.id)])).toEqual([
      [1, [2, 3]],
      [4, []],
    ]);
    expect(moveEntry('header', menu, 1, 'in')).toMatchObject({ field: 'move' });
    expect(moveEntry('header', menu, 3, 'in')).toMatchObject({ problem: /already under another link/ });
    expect(moveEntry('header', menu, 3, 'out')).toBeUndefined();
    expect(menu.map((e) => e.id)).toEqual([1, 3, 4]);
    expect(moveEntry('footer', menu, 4, 'in')).toMatchObject({ problem: 'footer links do not nest' });
    expect(moveEntry('header', menu, 99, 'up')).toBe('not-found');
    expect(removeEntry(menu, 1)).toBeUndefined();
    expect(menu.map((e) => e.id)).toEqual([2, 3, 4]);
  });

  it('reads a stored menu, dropping what makes no sense and any second level', () => {
    const text = JSON.stringify([
      {
        id: 1,
        kind: 'url',
        label: 'A',
        target: '/a/',
        children: [{ id: 2, kind: 'url', label: 'B', target: '/b/', children: [entry(3)] }],
      },
      { id: 4, kind: 'script', label: 'X', target: 'x' },
      'nonsense',
    ]);
    expect(parseStoredMenu(text)).toEqual([
      {
        id: 1,
        kind: 'url',
        label: 'A',
        target: '/a/',
        children: [{ id: 2, kind: 'url', label: 'B', target: '/b/', children: [] }],
      },
    ]);
    expect(parseStoredMenu('{not json')).toEqual([]);
  });
});
