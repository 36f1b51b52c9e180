// The pure part of menus: what an entry may be, how a menu is stored, and how entries move. The
// service reads and writes; everything it decides is here, so each rule is tested on its own.
import { cleanLabel, hasUnsafeText } from '../../platform/text.ts';

/** The two menus a site has: the header's may nest one level, the footer's is flat. */
export const MENU_NAMES = ['header', 'footer'] as const;
export type MenuName = (typeof MENU_NAMES)[number];

/**
 * What an entry links to: a section or a tag (by id, drawn with its current address, and its
 * current name when the entry has no label of its own), a standing page (by its site path for now),
 * or any address (http(s), or a path on this site).
 */
export const ENTRY_KINDS = ['section', 'tag', 'page', 'url'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** One stored entry. `target` is a section's or tag's id, a page's path or a URL. */
export interface MenuEntry {
  /** Unique within its menu; the newsroom's buttons name entries by it. */
  id: number;
  kind: EntryKind;
  /** The words shown; '' for a section or tag means its current name. */
  label: string;
  target: string;
  /** Links under this one: header only, one level. */
  children: MenuEntry[];
}

/** An entry as a form, an import or a test gives it, before it is checked. */
export interface MenuEntryInput {
  kind: string;
  label?: string;
  target: string;
  children?: MenuEntryInput[];
}

/** How an entry moves on the Menus screen. */
export const MOVES = ['up', 'down', 'in', 'out'] as const;
export type Move = (typeof MOVES)[number];

export const MENU_LIMITS = { label: 80, target: 2000, entries: 40 } as const;

export function isMenuName(value: string): value is MenuName {
  return (MENU_NAMES as readonly string[]).includes(value);
}

export function isEntryKind(value: string): value is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(value);
}

/** A path on this site: "/", "/about/", "/section/news/?page=2". Never "//host" (another site). */
export function isSitePath(value: string): boolean {
  return /^\/(?![/\\])[^\s\\]*$/.test(value) && !hasUnsafeText(value);
}

/** An absolute http(s) address with a host, and no spaces or controls in it. */
export function isWebAddress(value: string): boolean {
  if (/\s/.test(value) || hasUnsafeText(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Problems with one entry's fields, by field name ('kind', 'label', 'target'); empty when it is fine. */
export function entryProblems(
  input: { kind: string; label: string; target: string },
  exists: { section(id: number): boolean; tag(id: number): boolean },
): Record<string, string> {
  const problems: Record<string, string> = {};
  const label = cleanLabel(input.label);
  const target = input.target.trim();
  if (!isEntryKind(input.kind)) {
    problems.kind = 'must be a section, a tag, a page or a web address';
    return problems;
  }
  if (label.length > MENU_LIMITS.label) problems.label = `must be at most ${MENU_LIMITS.label} characters`;
  if ((input.kind === 'page' || input.kind === 'url') && label === '')
    problems.label = 'is needed for a page or a web address';
  if (target.length > MENU_LIMITS.target) {
    problems.target = `must be at most ${MENU_LIMITS.target} characters`;
    return problems;
  }
  switch (input.kind) {
    case 'section':
      if (!/^[1-9]\d{0,9}$/.test(target) || !exists.section(Number(target)))
        problems.target = 'must be one of the sections';
      break;
    case 'tag':
      if (!/^[1-9]\d{0,9}$/.test(target) || !exists.tag(Number(target)))
        problems.target = 'must be one of the tags';
      break;
    case 'page':
      if (!isSitePath(target)) problems.target = 'must be a path on this site, such as /about/';
      break;
    case 'url':
      if (!isSitePath(target) && !isWebAddress(target))
        problems.target =
          'must be an http:// or https:// address, or a path on this site such as /about/ (javascript: and other kinds of link are refused)';
      break;
  }
  return problems;
}

/** Reads a stored menu. Entries that no longer make sense are dropped rather than breaking pages. */
export function parseStoredMenu(text: string): MenuEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const read = (value: unknown, depth: number): MenuEntry[] => {
    if (!Array.isArray(value)) return [];
    const out: MenuEntry[] = [];
    for (const item of value as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const e = item as Record<string, unknown>;
      if (typeof e.id !== 'number' || typeof e.kind !== 'string' || !isEntryKind(e.kind)) continue;
      if (typeof e.label !== 'string' || typeof e.target !== 'string') continue;
      out.push({
        id: e.id,
        kind: e.kind,
        label: e.label,
        target: e.target,
        children: depth === 0 ? read(e.children, 1) : [],
      });
    }
    return out;
  };
  return read(data, 0);
}

/** What is stored for a menu. */
export function storedMenuText(entries: readonly MenuEntry[]): string {
  return JSON.stringify(entries);
}

/** Every entry, parents before their children. */
export function flatten(entries: readonly MenuEntry[]): MenuEntry[] {
  return entries.flatMap((e) => [e, ...e.children]);
}

/** The next free id in a menu. */
export function nextId(entries: readonly MenuEntry[]): number {
  return Math.max(0, ...flatten(entries).map((e) => e.id)) + 1;
}

/** Where an entry sits: the list it is in (the menu's or a parent's children) and its index there. */
function locate(
  entries: MenuEntry[],
  id: number,
): { list: MenuEntry[]; index: number; parent: MenuEntry | null } | undefined {
  const top = entries.findIndex((e) => e.id === id);
  if (top >= 0) return { list: entries, index: top, parent: null };
  for (const parent of entries) {
    const index = parent.children.findIndex((e) => e.id === id);
    if (index >= 0) return { list: parent.children, index, parent };
  }
  return undefined;
}

/** A deep copy, so that a refused change leaves the original as it was. */
export function copyMenu(entries: readonly MenuEntry[]): MenuEntry[] {
  return entries.map((e) => ({ ...e, children: copyMenu(e.children) }));
}

/** Thrown by the tree operations: a field's problem, or an entry that is not in the menu. */
export type TreeProblem = { field: string; problem: string } | 'not-found';

/**
 * Moves an entry: up or down among its siblings, `in` under the entry above it (header only, and
 * only an entry with no links under it, since menus nest one level), `out` to the top level just
 * after its parent. Returns a problem instead of changing anything when the move cannot be made.
 */
export function moveEntry(
  menu: MenuName,
  entries: MenuEntry[],
  id: number,
  move: Move,
): TreeProblem | undefined {
  const at = locate(entries, id);
  if (!at) return 'not-found';
  const { list, index, parent } = at;
  const entry = list[index]!;
  switch (move) {
    case 'up':
    case 'down': {
      const other = move === 'up' ? index - 1 : index + 1;
      if (other < 0 || other >= list.length)
        return { field: 'move', problem: `is already the ${move === 'up' ? 'first' : 'last'} in its list` };
      list[index] = list[other]!;
      list[other] = entry;
      return undefined;
    }
    case 'in': {
      if (menu !== 'header') return { field: 'move', problem: 'footer links do not nest' };
      if (parent) return { field: 'move', problem: 'is already under another link (menus nest one level)' };
      if (entry.children.length > 0)
        return { field: 'move', problem: 'has links under it, and menus nest one level' };
      const above = list[index - 1];
      if (!above) return { field: 'move', problem: 'has no link above it to go under' };
      list.splice(index, 1);
      above.children.push(entry);
      return undefined;
    }
    case 'out': {
      if (!parent) return { field: 'move', problem: 'is already at the top level' };
      list.splice(index, 1);
      entries.splice(entries.indexOf(parent) + 1, 0, entry);
      return undefined;
    }
  }
}

/** Removes an entry; the links under it, if any, take its place at the top level. */
export function removeEntry(entries: MenuEntry[], id: number): 'not-found' | undefined {
  const at = locate(entries, id);
  if (!at) return 'not-found';
  const [entry] = at.list.splice(at.index, 1);
  if (entry && entry.children.length > 0) at.list.splice(at.index, 0, ...entry.children);
  return undefined;
}

/** Adds an entry at the end of the menu, or of a top-level entry's links (header only). */
export function addEntry(
  menu: MenuName,
  entries: MenuEntry[],
  entry: MenuEntry,
  parentId: number | null,
): TreeProblem | undefined {
  if (flatten(entries).length >= MENU_LIMITS.entries)
    return { field: 'kind', problem: `a menu holds at most ${MENU_LIMITS.entries} links` };
  if (parentId === null) {
    entries.push(entry);
    return undefined;
  }
  if (menu !== 'header') return { field: 'parent', problem: 'footer links do not nest' };
  const parent = entries.find((e) => e.id === parentId);
  if (!parent)
    return { field: 'parent', problem: 'must be a top-level link of this menu (menus nest one level)' };
  parent.children.push(entry);
  return undefined;
}
