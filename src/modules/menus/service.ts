import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import type { NavLink, SiteMenus } from '../../platform/render/layout.tsx';
import { cleanLabel } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTags } from '../page-cache/index.ts';
import { sectionPaths, type Section, type SectionService } from '../sections/index.ts';
import { tagPaths, type TagRef, type TagService } from '../tags/index.ts';
import { deleteMenu, readMenu, writeMenu } from './repository.ts';
import {
  addEntry,
  copyMenu,
  entryProblems,
  flatten,
  isMenuName,
  MENU_LIMITS,
  moveEntry,
  nextId,
  parseStoredMenu,
  removeEntry,
  storedMenuText,
  type MenuEntry,
  type MenuEntryInput,
  type MenuName,
  type Move,
  type TreeProblem,
} from './rules.ts';

/** Who changes a menu, as the audit log records them; null for the command line and imports. */
export interface MenuActor {
  id: number;
  name: string;
}

/** An entry as the Menus screen lists it: what it shows now, or why readers do not see it. */
export interface MenuEntryView {
  entry: MenuEntry;
  /** The words and address readers see; undefined when the entry is not shown. */
  link?: NavLink;
  /** Why readers do not see it (a deleted section, a tag no visible article carries). */
  hidden?: string;
  children: MenuEntryView[];
}

/** Menu use cases. Every change is one transaction with an audit line, and purges every cached page. */
export interface MenuService {
  /** Both menus, ready to draw: every reader page's header and footer. */
  resolved(): Promise<SiteMenus>;
  /**
   * Whether a change to these cache tags changes the menus as last drawn by this process: a tag's
   * name or whether it is public, for a menu that links to it. Section changes purge every page on
   * their own (page-cache's rule), since the default header lists the sections.
   */
  touches(tags: readonly string[]): boolean;
  /** A menu as the newsroom edits it, with what each entry shows, and the sections and tags to link to. */
  overview(menu: MenuName): Promise<{
    isDefault: boolean;
    entries: MenuEntryView[];
    sections: Section[];
    tags: TagRef[];
  }>;
  /**
   * Adds an entry at the end of the menu, or under a top-level header entry (`parent`, its id, or '').
   * VALIDATION_FAILED naming the field (kind, label, target, parent).
   */
  add(args: {
    menu: MenuName;
    kind: string;
    label: string;
    target: string;
    parent?: string;
    actor: MenuActor | null;
  }): Promise<MenuEntry>;
  /** Moves an entry (see rules' moveEntry). VALIDATION_FAILED (move), NOT_FOUND. */
  move(args: { menu: MenuName; id: number; move: Move; actor: MenuActor | null }): Promise<void>;
  /** Deletes an entry; its links, if any, move up to the top level. NOT_FOUND. */
  remove(args: { menu: MenuName; id: number; actor: MenuActor | null }): Promise<void>;
  /** Replaces a menu whole (imports, the command line, tests), checking every entry. VALIDATION_FAILED. */
  replace(args: { menu: MenuName; entries: MenuEntryInput[]; actor: MenuActor | null }): Promise<void>;
  /** Forgets a menu, so that its default shows again. */
  reset(args: { menu: MenuName; actor: MenuActor | null }): Promise<void>;
  /** The stored menus, by name; a menu never saved is absent (the export). */
  stored(): Promise<Partial<Record<MenuName, MenuEntry[]>>>;
}

/** The footer's links when the newsroom never set it: the site's feeds and its search. */
export function defaultFooter(): MenuEntry[] {
  return [
    { label: 'RSS', target: '/feed/' },
    { label: 'Atom', target: '/feed/atom/' },
    { label: 'JSON Feed', target: '/feed.json' },
    { label: 'Search', target: '/search' },
  ].map((e, i) => ({ id: i + 1, kind: 'url', ...e, children: [] }));
}

/** The header when the newsroom never set it: the top-level sections in order, each with its children. */
export function defaultHeader(sections: readonly Section[]): MenuEntry[] {
  let id = 0;
  const entry = (s: Section): MenuEntry => ({
    id: ++id,
    kind: 'section',
    label: '',
    target: String(s.id),
    children: [],
  });
  const out: MenuEntry[] = [];
  for (const s of sections) {
    if (s.parent === null) out.push(entry(s));
  }
  for (const top of out) {
    for (const s of sections) if (s.parent?.id === Number(top.target)) top.children.push(entry(s));
  }
  return out;
}

function refused(problem: TreeProblem): AppError {
  if (problem === 'not-found') return notFound();
  return new AppError('VALIDATION_FAILED', { fields: { [problem.field]: problem.problem } });
}

/** Builds the menus service. */
export function createMenuService(deps: {
  db: Db;
  clock: Clock;
  events: Events;
  sections: Pick<SectionService, 'list'>;
  tags: Pick<TagService, 'list' | 'listPublic'>;
}): MenuService {
  const { db, clock, events } = deps;
  // The cache tags the menus as last drawn depend on (see `touches`).
  let dependsOn = new Set<string>();

  async function entriesOf(
    menu: MenuName,
    sections: () => Promise<Section[]>,
    from: Db = db,
  ): Promise<{ entries: MenuEntry[]; isDefault: boolean }> {
    const text = await readMenu(from, menu);
    if (text !== undefined) return { entries: parseStoredMenu(text), isDefault: false };
    return {
      entries: menu === 'header' ? defaultHeader(await sections()) : defaultFooter(),
      isDefault: true,
    };
  }

  /** What each entry shows, given the sections and the public tags. */
  function view(
    entry: MenuEntry,
    sections: Map<number, Section>,
    publicTags: Map<number, TagRef>,
  ): MenuEntryView {
    const children = entry.children.map((c) => view(c, sections, publicTags));
    switch (entry.kind) {
      case 'section': {
        const s = sections.get(Number(entry.target));
        if (!s) return { entry, hidden: 'the section no longer exists', children };
        return { entry, link: { label: entry.label || s.name, href: sectionPaths(s.slug).page }, children };
      }
      case 'tag': {
        const t = publicTags.get(Number(entry.target));
        if (!t) return { entry, hidden: 'no published article carries this tag yet', children };
        return { entry, link: { label: entry.label || t.name, href: tagPaths(t.slug).page }, children };
      }
      default:
        return { entry, link: { label: entry.label, href: entry.target }, children };
    }
  }

  function toLinks(views: MenuEntryView[]): NavLink[] {
    const out: NavLink[] = [];
    for (const v of views) {
      const children = toLinks(v.children);
      // A parent readers cannot see leaves its links at the top level rather than losing them.
      if (!v.link) out.push(...children);
      else out.push(children.length > 0 ? { ...v.link, children } : v.link);
    }
    return out;
  }

  async function views(entries: MenuEntry[], sections: Section[]): Promise<MenuEntryView[]> {
    const hasTags = flatten(entries).some((e) => e.kind === 'tag');
    const publicTags = new Map((hasTags ? await deps.tags.listPublic() : []).map((t) => [t.id, t]));
    const byId = new Map(sections.map((s) => [s.id, s]));
    return entries.map((e) => view(e, byId, publicTags));
  }

  /** Runs one change on a menu's entries in a transaction, stores it with an audit line, and purges. */
  async function change(
    menu: MenuName,
    actor: MenuActor | null,
    what: string,
    apply: (entries: MenuEntry[]) => TreeProblem | undefined,
  ): Promise<void> {
    if (!isMenuName(menu)) throw notFound();
    // Read before the transaction: SQLite has one connection, which the transaction holds.
    const sections = await deps.sections.list();
    await transact(db, async (trx) => {
      const { entries } = await entriesOf(menu, async () => sections, trx);
      const next = copyMenu(entries);
      const problem = apply(next);
      if (problem) throw refused(problem);
      const at = clock.now().toISOString();
      await writeMenu(trx, { name: menu, entries: storedMenuText(next), at });
      await recordAudit(trx, { actor, action: 'menu.change', subject: `menu:${menu}`, detail: { what }, at });
    });
    events.emit('menusChanged', { menus: [menu] });
  }

  /** Checks entries given whole, and gives them ids. */
  async function checked(menu: MenuName, inputs: readonly MenuEntryInput[]): Promise<MenuEntry[]> {
    const [sections, tags] = await Promise.all([deps.sections.list(), deps.tags.list()]);
    const exists = {
      section: (id: number) => sections.some((s) => s.id === id),
      tag: (id: number) => tags.some((t) => t.id === id),
    };
    const fields: Record<string, string> = {};
    let id = 0;
    const read = (input: MenuEntryInput, where: string, depth: number): MenuEntry => {
      const entry = { kind: input.kind, label: input.label ?? '', target: String(input.target ?? '') };
      for (const [field, problem] of Object.entries(entryProblems(entry, exists)))
        fields[`${where}.${field}`] = problem;
      const children = input.children ?? [];
      if (children.length > 0 && (menu !== 'header' || depth > 0))
        fields[`${where}.children`] = menu === 'header' ? 'menus nest one level' : 'footer links do not nest';
      return {
        id: ++id,
        kind: entry.kind as MenuEntry['kind'],
        label: cleanLabel(entry.label),
        target: entry.target.trim(),
        children: depth === 0 ? children.map((c, i) => read(c, `${where}.${i + 1}`, 1)) : [],
      };
    };
    const entries = inputs.map((input, i) => read(input, `entry ${i + 1}`, 0));
    if (flatten(entries).length > MENU_LIMITS.entries)
      fields.entries = `a menu holds at most ${MENU_LIMITS.entries} links`;
    if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
    return entries;
  }

  return {
    async resolved() {
      const sections = await deps.sections.list();
      const list = () => Promise.resolve(sections);
      const [header, footer] = await Promise.all([entriesOf('header', list), entriesOf('footer', list)]);
      const all = [...flatten(header.entries), ...flatten(footer.entries)];
      dependsOn = new Set(
        all
          .filter((e) => e.kind === 'tag')
          .flatMap((e) => [cacheTags.tag(Number(e.target)), cacheTags.tagList(Number(e.target))]),
      );
      const [headerViews, footerViews] = await Promise.all([
        views(header.entries, sections),
        views(footer.entries, sections),
      ]);
      return { header: toLinks(headerViews), footer: toLinks(footerViews) };
    },
    touches(tags) {
      return dependsOn.size > 0 && tags.some((t) => dependsOn.has(t));
    },
    async overview(menu) {
      const [sections, tags] = await Promise.all([deps.sections.list(), deps.tags.list()]);
      const { entries, isDefault } = await entriesOf(menu, async () => sections);
      return { isDefault, entries: await views(entries, sections), sections, tags };
    },
    async add({ menu, kind, label, target, parent = '', actor }) {
      const [sections, tags] = await Promise.all([deps.sections.list(), deps.tags.list()]);
      const fields = entryProblems(
        { kind, label, target },
        {
          section: (id) => sections.some((s) => s.id === id),
          tag: (id) => tags.some((t) => t.id === id),
        },
      );
      if (parent !== '' && menu !== 'header') fields.parent = 'footer links do not nest';
      else if (parent !== '' && !/^[1-9]\d{0,9}$/.test(parent))
        fields.parent = 'must be a top-level link of this menu (menus nest one level)';
      if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
      let added: MenuEntry | undefined;
      await change(menu, actor, `add ${kind}`, (entries) => {
        added = {
          id: nextId(entries),
          kind: kind as MenuEntry['kind'],
          label: cleanLabel(label),
          target: target.trim(),
          children: [],
        };
        return addEntry(menu, entries, added, parent === '' ? null : Number(parent));
      });
      return added!;
    },
    async move({ menu, id, move, actor }) {
      await change(menu, actor, `move ${move}`, (entries) => moveEntry(menu, entries, id, move));
    },
    async remove({ menu, id, actor }) {
      await change(menu, actor, 'remove', (entries) => removeEntry(entries, id));
    },
    async replace({ menu, entries, actor }) {
      if (!isMenuName(menu)) throw notFound();
      const next = await checked(menu, entries);
      await change(menu, actor, 'replace', (current) => {
        current.splice(0, current.length, ...next);
        return undefined;
      });
    },
    async reset({ menu, actor }) {
      if (!isMenuName(menu)) throw notFound();
      const at = clock.now().toISOString();
      await transact(db, async (trx) => {
        await deleteMenu(trx, menu);
        await recordAudit(trx, {
          actor,
          action: 'menu.change',
          subject: `menu:${menu}`,
          detail: { what: 'reset' },
          at,
        });
      });
      events.emit('menusChanged', { menus: [menu] });
    },
    async stored() {
      const out: Partial<Record<MenuName, MenuEntry[]>> = {};
      for (const menu of ['header', 'footer'] as const) {
        const text = await readMenu(db, menu);
        if (text !== undefined) out[menu] = parseStoredMenu(text);
      }
      return out;
    },
  };
}
