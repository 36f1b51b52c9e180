import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { isSlug } from '../../platform/render/slug.ts';
import { cleanLabel } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './repository.ts';
import type { Section, SectionRef } from './repository.ts';

/** What `save` takes: the command line's `dateline section add`, the sample publication, tests. */
export interface SectionInput {
  name: string;
  slug: string;
  /** The parent's slug; '' makes it top-level; absent keeps an existing section's parent (a new one is top-level). */
  parent?: string;
  /** Absent keeps an existing section's description. */
  description?: string;
}

/** Section use cases. Sections are the publication's structure: every one of them is public. */
export interface SectionService {
  /** Every section, each top-level one followed by its children, by name. */
  list(): Promise<Section[]>;
  /** A section by slug, with its parent. */
  findBySlug(slug: string): Promise<Section | undefined>;
  /** The ids whose articles a section's page lists: its own and its children's. */
  listedIds(section: Section): Promise<number[]>;
  /**
   * Adds a section, or updates the one with this slug. VALIDATION_FAILED naming the field: a name
   * of 1 to 80 characters, a slug, an existing parent that is itself top-level (sections nest one
   * level), and no section with children of its own put under another.
   */
  save(input: SectionInput, actor?: Actor): Promise<{ section: Section; created: boolean }>;
  /** Every section with how many articles (any status) are filed in it: the Sections screen. */
  listWithCounts(): Promise<(Section & { articles: number })[]>;
  /**
   * Deletes an empty section. NOT_FOUND when there is none with this slug; VALIDATION_FAILED when
   * articles are filed in it or sections sit under it (they would lose their place), or when it is the
   * publication's last section (every article needs one).
   */
  remove(slug: string, actor?: Actor): Promise<void>;
}

/** Who made a change, for the audit log: a newsroom user, or nobody (the command line, the sample). */
export interface Actor {
  id: number;
  name: string;
}

const LIMITS = { name: 80, slug: 80, description: 300 } as const;

function toSection(row: repo.SectionRow, parent: repo.SectionRow | undefined): Section {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    parent: parent ? { id: parent.id, slug: parent.slug, name: parent.name } : null,
  };
}

/** Orders sections as menus and lists show them: each top-level section, then its children. */
export function inTreeOrder(rows: readonly repo.SectionRow[]): Section[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Section[] = [];
  for (const top of rows.filter((r) => r.parent_id === null)) {
    out.push(toSection(top, undefined));
    for (const child of rows.filter((r) => r.parent_id === top.id)) out.push(toSection(child, top));
  }
  // A child whose parent is missing cannot happen (a foreign key), but it is listed rather than lost.
  for (const r of rows) if (r.parent_id !== null && !byId.has(r.parent_id)) out.push(toSection(r, undefined));
  return out;
}

/**
 * The sections of these articles' section ids, each with its parent, in one query: what article
 * pages show as the kicker and the breadcrumbs. Runs in the caller's transaction or not.
 */
export async function sectionsOf(db: Db, ids: readonly (number | null)[]): Promise<Map<number, Section>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  const rows = await repo.rowsWithParents(db, wanted);
  const out = new Map<number, Section>();
  for (const id of wanted) {
    const row = rows.get(id);
    if (row) out.set(id, toSection(row, row.parent_id === null ? undefined : rows.get(row.parent_id)));
  }
  return out;
}

/**
 * The section an article is filed in, inside the caller's transaction: the one `slug` names
 * (VALIDATION_FAILED on `field` when there is none), else the article's current one, else the
 * publication's first top-level section; a publication with no section at all gets "News", so
 * that every article has one.
 */
export async function resolveSection(
  db: Db,
  args: { slug: string | undefined; current: number | null; at: string; field?: string },
): Promise<number> {
  if (args.slug !== undefined && args.slug !== '') {
    const row = await repo.findRowBySlug(db, args.slug);
    if (!row)
      throw new AppError('VALIDATION_FAILED', {
        fields: {
          [args.field ?? 'section']:
            `unknown section "${args.slug}": choose an existing section (dateline section list), or add it with dateline section add`,
        },
      });
    return row.id;
  }
  if (args.current !== null) return args.current;
  const first = await repo.firstTopLevel(db);
  if (first) return first.id;
  return repo.insertSection(db, {
    slug: 'news',
    name: 'News',
    description: '',
    parent_id: null,
    at: args.at,
  });
}

/** The slug of the section a new article goes in unless someone chooses: the editor's preselection. */
export async function defaultSectionSlug(db: Db): Promise<string> {
  return (await repo.firstTopLevel(db))?.slug ?? '';
}

function checkInput(input: SectionInput): FieldErrors {
  const fields: FieldErrors = {};
  const name = cleanLabel(input.name);
  if (name === '' || name.length > LIMITS.name) fields.name = `must be 1 to ${LIMITS.name} characters`;
  if (!isSlug(input.slug) || input.slug.length > LIMITS.slug)
    fields.slug = `must be lowercase letters, digits and single hyphens, at most ${LIMITS.slug} characters (e.g. local-news)`;
  if (input.description !== undefined && input.description.length > LIMITS.description)
    fields.description = `is too long: at most ${LIMITS.description} characters`;
  if (input.parent !== undefined && input.parent !== '' && !isSlug(input.parent))
    fields.parent = 'must be the slug of an existing section';
  if (input.parent === input.slug) fields.parent = 'a section cannot be its own parent';
  return fields;
}

/** Builds the section service. */
export function createSectionService(deps: { db: Db; clock: Clock; events: Events }): SectionService {
  const { db, clock, events } = deps;

  const list = async () => inTreeOrder(await repo.listRows(db));
  return {
    list,

    async findBySlug(slug) {
      const row = await repo.findRowBySlug(db, slug);
      if (!row) return undefined;
      return (await sectionsOf(db, [row.id])).get(row.id);
    },

    async listedIds(section) {
      return [section.id, ...(await repo.childIds(db, section.id))];
    },

    async listWithCounts() {
      const [sections, counts] = await Promise.all([list(), repo.articleCounts(db)]);
      return sections.map((s) => ({ ...s, articles: counts.get(s.id) ?? 0 }));
    },

    async remove(slug, actor) {
      const at = clock.now().toISOString();
      const removed = await transact(db, async (trx) => {
        const row = await repo.findRowBySlug(trx, slug);
        if (!row) throw new AppError('NOT_FOUND', { message: `There is no section "${slug}".` });
        const filed = (await repo.articleIdsIn(trx, [row.id])).length;
        if (filed)
          throw new AppError('VALIDATION_FAILED', {
            fields: {
              slug: `"${slug}" still holds ${filed} article${filed === 1 ? '' : 's'}: file ${filed === 1 ? 'it' : 'them'} in another section first`,
            },
          });
        if (await repo.hasChildren(trx, row.id))
          throw new AppError('VALIDATION_FAILED', {
            fields: { slug: `"${slug}" has sections under it: delete or move them first` },
          });
        if ((await repo.listRows(trx)).length === 1)
          throw new AppError('VALIDATION_FAILED', {
            fields: { slug: `"${slug}" is the last section, and every article needs one` },
          });
        await repo.deleteSection(trx, row.id);
        await recordAudit(trx, {
          actor: actor ?? null,
          action: 'section.delete',
          subject: `section:${row.id}`,
          detail: { slug, name: row.name },
          at,
        });
        return row;
      });
      events.emit('sectionSaved', {
        sectionId: removed.id,
        listIds: [removed.id, ...(removed.parent_id === null ? [] : [removed.parent_id])],
      });
    },

    async save(input, actor) {
      const fields = checkInput(input);
      if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
      const at = clock.now().toISOString();
      const name = cleanLabel(input.name);
      const result = await transact(db, async (trx) => {
        const existing = await repo.findRowBySlug(trx, input.slug);
        let parentId: number | null = existing?.parent_id ?? null;
        if (input.parent !== undefined) {
          if (input.parent === '') parentId = null;
          else {
            const parent = await repo.findRowBySlug(trx, input.parent);
            if (!parent)
              throw new AppError('VALIDATION_FAILED', {
                fields: { parent: `unknown section "${input.parent}": add it first` },
              });
            if (parent.parent_id !== null) {
              const grand = await repo.findRowById(trx, parent.parent_id);
              throw new AppError('VALIDATION_FAILED', {
                fields: {
                  parent: `sections nest one level only: "${parent.slug}" is already under "${grand?.slug ?? parent.parent_id}"; choose a top-level section`,
                },
              });
            }
            parentId = parent.id;
          }
        }
        if (existing && parentId !== null && (await repo.hasChildren(trx, existing.id)))
          throw new AppError('VALIDATION_FAILED', {
            fields: {
              parent: `sections nest one level only: "${existing.slug}" has sections under it, so it stays top-level`,
            },
          });
        const description = input.description?.trim() ?? existing?.description ?? '';
        let id: number;
        if (existing) {
          id = existing.id;
          await repo.updateSection(trx, id, { name, description, parent_id: parentId, at });
        } else {
          id = await repo.insertSection(trx, {
            slug: input.slug,
            name,
            description,
            parent_id: parentId,
            at,
          });
        }
        await recordAudit(trx, {
          actor: actor ?? null,
          action: existing ? 'section.update' : 'section.create',
          subject: `section:${id}`,
          detail: { slug: input.slug, name, parent: input.parent ?? null },
          at,
        });
        const section = (await sectionsOf(trx, [id])).get(id);
        if (!section) throw new Error('the section just saved is missing');
        return { section, created: !existing, parents: [existing?.parent_id ?? null, parentId] };
      });
      // Its name shows on its articles' pages and its parent's; a move changes which lists hold them.
      events.emit('sectionSaved', {
        sectionId: result.section.id,
        listIds: [result.section.id, ...result.parents.filter((p): p is number => p !== null)],
      });
      return { section: result.section, created: result.created };
    },
  };
}

export type { Section, SectionRef };
