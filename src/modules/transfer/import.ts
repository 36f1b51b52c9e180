// Import reads the document twice. The first pass checks everything (shape, ids, references, order)
// and writes nothing; the second writes it in one transaction. Between them only a few sets of ids and
// slugs are held in memory, never the document, so a publication of any size imports in the memory of
// one record plus those sets.
import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { lockKeys, transact, type Db } from '../../platform/db/database.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { bodyText } from '../../platform/render/body-html.ts';
import type { BodyFormat, MarkdownRenderer } from '../../platform/render/markdown-renderer.ts';
import { isValidStorageKey } from '../../platform/storage.ts';
import { fieldPath } from '../../platform/validation.ts';
import { storedHashProblem } from '../accounts/index.ts';
import { isSourceUrl } from '../articles/index.ts';
import { isAvatarAddress, isWebAddress } from '../authors/index.ts';
import { isWebUrl } from '../comments/index.ts';
import { redirectInputProblems } from '../redirects/index.ts';
import type { TransferCounts } from './export.ts';
import { DocumentSyntaxError, readSections, type SectionEvent } from './json-sections.ts';
import {
  advanceIdSequences,
  deleteAllSections,
  deleteOwnerLinks,
  fileUnsectionedArticles,
  insertRows,
  setCommentParent,
  setSectionParent,
  tablesWithRows,
  writeSecrets,
  type InsertRows,
} from './repository.ts';
import {
  FORMAT_VERSION,
  REQUIRED_MEMBERS,
  SECTIONS,
  SINGLE_MEMBERS,
  type SectionName,
  type SectionRecords,
} from './schemas.ts';

/** What import needs. */
export interface ImportDeps {
  db: Db;
  /** Opens the document from its start; it is called twice, once to check and once to write. */
  open: () => AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
  /** Renders each article's HTML again from its source, in its format: the file's `body_html` is never stored. */
  markdown: Pick<MarkdownRenderer, 'render'>;
}

/** At most this many problems are named; a file that is wrong throughout is wrong in the same way. */
const MAX_PROBLEMS = 20;

const TIMESTAMP_HINT = 'must be a UTC time written as 2026-11-26T14:25:57.000Z';

function isSection(key: string): key is SectionName {
  return Object.hasOwn(SECTIONS, key);
}

function isSingle(key: string): key is keyof typeof SINGLE_MEMBERS {
  return Object.hasOwn(SINGLE_MEMBERS, key);
}

// Compiled once, on first use: typebox's interpreted Value.Check took 130 µs a comment, the
// compiled check under 1 µs, which is the difference between minutes and seconds at 200,000 comments.
const compiled = new Map<TSchema, Validator>();
function validatorFor(schema: TSchema): Validator {
  let validator = compiled.get(schema);
  if (!validator) {
    validator = Compile(schema);
    compiled.set(schema, validator);
  }
  return validator;
}

/**
 * Names every failing field of a value with one sentence each. A union's branches each report, so the
 * sentence prefers what the branch of the right type said ("must match …") over the type list.
 */
function schemaProblems(schema: TSchema, value: unknown, base: string): FieldErrors {
  const validator = validatorFor(schema);
  if (validator.Check(value)) return {};
  const byPath = new Map<string, { types: string[]; consts: unknown[]; other: string[] }>();
  const problems: FieldErrors = {};
  for (const error of validator.Errors(value)) {
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      for (const property of (params.requiredProperties as string[] | undefined) ?? [])
        problems[fieldPath(`${error.instancePath}/${property}`, base)] ??= 'is required';
      continue;
    }
    if (error.keyword === 'additionalProperties') {
      for (const property of (params.additionalProperties as string[] | undefined) ?? [])
        problems[fieldPath(`${error.instancePath}/${property}`, base)] ??= 'is not a known field';
      continue;
    }
    if (error.keyword === 'boolean' || error.keyword === 'anyOf') continue;
    const path = fieldPath(error.instancePath, base);
    const entry = byPath.get(path) ?? { types: [], consts: [], other: [] };
    byPath.set(path, entry);
    if (error.keyword === 'type') entry.types.push(String(params.type));
    else if (error.keyword === 'const') entry.consts.push(params.allowedValue);
    else if (error.keyword === 'pattern') entry.other.push(TIMESTAMP_HINT);
    else entry.other.push(error.message);
  }
  for (const [path, { types, consts, other }] of byPath) {
    if (problems[path]) continue;
    const orNull = types.includes('null') ? ' or null' : '';
    if (other.length > 0) problems[path] = `${other[0]}${orNull}`;
    else if (consts.length > 0)
      problems[path] = `must be ${consts.map((c) => JSON.stringify(c)).join(' or ')}${orNull}`;
    else problems[path] = `must be ${[...new Set(types)].join(' or ')}`;
  }
  return problems;
}

/**
 * Redirects that lead back to where they start through the file's own redirects: the redirects
 * module refuses such a loop when one is added, and a file is held to the same. Both passes ask, so
 * it holds the redirects' paths (a few per renamed tag), not the records.
 */
class RedirectLoops {
  private readonly targets = new Map<string, { index: number; to: string }>();

  add(index: number, from: string, to: string): void {
    this.targets.set(from, { index, to });
  }

  /** Each redirect on a loop, by path, with its problem. */
  *problems(): Generator<[string, string]> {
    for (const [from, { index, to }] of this.targets) {
      const seen = new Set<string>();
      let next = to;
      while (next !== from && !seen.has(next)) {
        seen.add(next);
        const step = this.targets.get(next);
        if (!step) break;
        next = step.to;
      }
      if (next !== from) continue;
      yield [
        `redirects[${index}].to_path`,
        seen.size === 0
          ? 'leads back to the same address'
          : `leads back to ${JSON.stringify(from)} through ${seen.size} other redirect${seen.size === 1 ? '' : 's'} in the file`,
      ];
    }
  }
}

const WEB_ADDRESS = 'must be an http:// or https:// address, as the newsroom’s forms require';

/**
 * What the schema cannot say about a record that has its shape: every address and stored hash is held
 * to the rule its own form or service applies, so that a file edited by hand cannot plant what the
 * newsroom would refuse (a javascript: link, a hash that asks scrypt for gigabytes). Both passes ask.
 */
function contentProblems(section: SectionName, value: SectionRecords[SectionName]): [string, string][] {
  const problems: [string, string][] = [];
  const url = (field: string, text: string | null, rule: (text: string) => boolean, why = WEB_ADDRESS) => {
    if (text !== null && !rule(text)) problems.push([field, why]);
  };
  switch (section) {
    case 'authors': {
      const a = value as SectionRecords['authors'];
      url('website', a.website, isWebAddress);
      url('avatar_url', a.avatar_url, isAvatarAddress, `${WEB_ADDRESS}, or an /uploads/ path`);
      break;
    }
    case 'users': {
      const u = value as SectionRecords['users'];
      const problem = u.password_hash === null ? undefined : storedHashProblem(u.password_hash);
      if (problem) problems.push(['password_hash', problem]);
      break;
    }
    case 'uploads': {
      const u = value as SectionRecords['uploads'];
      const key = 'must be a storage key such as ab/ab12cd/original.jpg, inside the uploads folder';
      if (!isValidStorageKey(u.storage_key)) problems.push(['storage_key', key]);
      u.variants.forEach((variant, i) => {
        const k = (variant as { key?: unknown } | null)?.key;
        if (typeof k !== 'string' || !isValidStorageKey(k)) problems.push([`variants[${i}].key`, key]);
      });
      break;
    }
    case 'articles': {
      const a = value as SectionRecords['articles'];
      url('source_url', a.source_url ?? null, isSourceUrl);
      a.sources?.forEach((s, i) => url(`sources[${i}].url`, s.url, isSourceUrl));
      // One way to say it: a file lists its sources, or (written before there could be several) a pair.
      if (a.sources !== undefined && (a.source_name != null || a.source_url != null))
        problems.push(['sources', 'give sources, or source_name and source_url, not both']);
      break;
    }
    case 'comments': {
      url('author_url', (value as SectionRecords['comments']).author_url, isWebUrl);
      break;
    }
    case 'redirects': {
      // The redirects module's own rules: on-site paths (no `//host`, no `\`) unless marked external,
      // an external end an http(s) URL without credentials, and a 410 with no end at all.
      const r = value as SectionRecords['redirects'];
      const fields = redirectInputProblems({
        from: r.from_path,
        to: r.to_path,
        status: r.status,
        external: r.is_external === true,
      });
      const names = { from: 'from_path', to: 'to_path', status: 'status', external: 'is_external' } as const;
      for (const [field, problem] of Object.entries(fields))
        problems.push([names[field as keyof typeof names] ?? field, problem]);
      break;
    }
  }
  return problems;
}

/** The first pass: everything a write could trip on, named by path. */
class DocumentCheck {
  readonly problems: FieldErrors = {};
  private problemCount = 0;
  private readonly members = new Set<string>();
  private readonly finished = new Set<SectionName>();
  private readonly ids = Object.fromEntries(
    Object.keys(SECTIONS).map((name) => [name, new Set<number>()]),
  ) as Record<SectionName, Set<number>>;
  private readonly unique = {
    'authors.slug': new Set<string>(),
    'users.email': new Set<string>(),
    'uploads.storage_key': new Set<string>(),
    'tags.slug': new Set<string>(),
    'sections.slug': new Set<string>(),
    'articles.slug': new Set<string>(),
    'redirects.from_path': new Set<string>(),
  };
  /** Each suggestion's key, article id and slug. */
  private readonly suggestions = new Set<string>();
  private readonly loops = new RedirectLoops();
  /** Replies whose parent was not seen yet: checked at the end. */
  private readonly laterParents: { where: string; parent: number }[] = [];
  /** Sections with a parent: checked at the end (the parent exists and is itself top-level). */
  private readonly sectionParents: { where: string; id: number; parent: number }[] = [];

  add(path: string, problem: string): void {
    this.problemCount += 1;
    if (this.problemCount <= MAX_PROBLEMS) this.problems[path] ??= problem;
  }

  get isFull(): boolean {
    return this.problemCount > MAX_PROBLEMS * 5;
  }

  accept(event: SectionEvent): void {
    const { key } = event;
    if (event.kind === 'element') {
      if (isSection(key)) this.record(key, event.index, event.value);
      return;
    }
    if (event.kind === 'array-end') {
      if (isSection(key)) this.finished.add(key);
      return;
    }
    if (this.members.has(key)) return this.add(key, 'appears twice');
    this.members.add(key);
    if (!isSection(key) && !isSingle(key)) return this.add(key, 'is not a known field');
    if (event.kind === 'array-start') {
      if (!isSection(key)) return this.add(key, 'must be an object or a value, not a list');
      for (const before of SECTIONS[key].after)
        if (!this.finished.has(before))
          this.add(key, `must come after "${before}" in the file, as dateline export writes them`);
      return;
    }
    if (isSection(key)) return this.add(key, 'must be a list');
    this.single(key, event.value);
  }

  private single(key: keyof typeof SINGLE_MEMBERS, value: unknown): void {
    if (key === 'version' && typeof value === 'number' && value > FORMAT_VERSION)
      return this.add(
        key,
        `is ${value}: the file was written by a newer Dateline; this one reads version ${FORMAT_VERSION}`,
      );
    for (const [path, problem] of Object.entries(schemaProblems(SINGLE_MEMBERS[key], value, key)))
      this.add(path, problem);
    if ((key === 'settings' || key === 'secrets') && value && typeof value === 'object')
      if (Object.hasOwn(value, '')) this.add(`${key}[""]`, 'has an empty name');
  }

  private record(section: SectionName, index: number, value: unknown): void {
    const where = `${section}[${index}]`;
    const problems = Object.entries(schemaProblems(SECTIONS[section].schema, value, where));
    for (const [path, problem] of problems) this.add(path, problem);
    if (problems.length > 0) return;
    const r = value as SectionRecords[SectionName];
    for (const [field, problem] of contentProblems(section, r)) this.add(`${where}.${field}`, problem);
    if ('id' in r) {
      if (this.ids[section].has(r.id)) this.add(`${where}.id`, `repeats id ${r.id}`);
      this.ids[section].add(r.id);
    }
    const distinct = (field: keyof typeof this.unique, text: string) => {
      const seen = this.unique[field];
      const column = field.split('.')[1] as string;
      if (seen.has(text)) this.add(`${where}.${column}`, `repeats ${JSON.stringify(text)}`);
      seen.add(text);
    };
    const refer = (field: string, target: SectionName, id: number | null) => {
      // Only for sections read already: a section out of order has been reported as such.
      if (id !== null && this.finished.has(target) && !this.ids[target].has(id))
        this.add(`${where}.${field}`, `names ${target} id ${id}, which is not in the file`);
    };
    const list = (field: 'authors' | 'tags', ids: readonly number[]) => {
      const seen = new Set<number>();
      for (const [i, id] of ids.entries()) {
        if (seen.has(id)) this.add(`${where}.${field}[${i}]`, `repeats ${field} id ${id}`);
        seen.add(id);
        refer(`${field}[${i}]`, field, id);
      }
    };
    switch (section) {
      case 'authors': {
        distinct('authors.slug', (r as SectionRecords['authors']).slug);
        return;
      }
      case 'users': {
        const u = r as SectionRecords['users'];
        distinct('users.email', u.email);
        refer('author_id', 'authors', u.author_id);
        return;
      }
      case 'uploads': {
        const u = r as SectionRecords['uploads'];
        distinct('uploads.storage_key', u.storage_key);
        refer('user_id', 'users', u.user_id);
        return;
      }
      case 'tags': {
        distinct('tags.slug', (r as SectionRecords['tags']).slug);
        return;
      }
      case 'sections': {
        const s = r as SectionRecords['sections'];
        distinct('sections.slug', s.slug);
        if (s.parent_id === s.id) this.add(`${where}.parent_id`, 'is the section itself');
        else if (s.parent_id !== null)
          this.sectionParents.push({ where: `${where}.parent_id`, id: s.id, parent: s.parent_id });
        return;
      }
      case 'articles': {
        const a = r as SectionRecords['articles'];
        distinct('articles.slug', a.slug);
        refer('section_id', 'sections', a.section_id ?? null);
        refer('created_by', 'users', a.created_by);
        list('authors', a.authors);
        list('tags', a.tags);
        return;
      }
      case 'comments': {
        const c = r as SectionRecords['comments'];
        refer('article_id', 'articles', c.article_id);
        refer('author_id', 'authors', c.author_id);
        if (c.parent_id === c.id) this.add(`${where}.parent_id`, 'is the comment itself');
        else if (c.parent_id !== null && !this.ids.comments.has(c.parent_id))
          this.laterParents.push({ where: `${where}.parent_id`, parent: c.parent_id });
        return;
      }
      case 'revisions': {
        const v = r as SectionRecords['revisions'];
        refer('article_id', 'articles', v.article_id);
        refer('user_id', 'users', v.user_id);
        return;
      }
      case 'audit_log': {
        refer('user_id', 'users', (r as SectionRecords['audit_log']).user_id);
        return;
      }
      case 'tag_suggestions': {
        // Article and user ids are kept on import, so the suggestion points at the same article.
        const s = r as SectionRecords['tag_suggestions'];
        refer('article_id', 'articles', s.article_id);
        refer('suggested_by', 'users', s.suggested_by);
        const key = `${s.article_id} ${s.slug}`;
        if (this.suggestions.has(key))
          this.add(`${where}.slug`, `repeats ${JSON.stringify(s.slug)} on articles id ${s.article_id}`);
        this.suggestions.add(key);
        return;
      }
      case 'redirects': {
        const d = r as SectionRecords['redirects'];
        distinct('redirects.from_path', d.from_path);
        if (d.status !== 410 && d.is_external !== true) this.loops.add(index, d.from_path, d.to_path);
        return;
      }
    }
  }

  finish(): void {
    for (const member of REQUIRED_MEMBERS) if (!this.members.has(member)) this.add(member, 'is required');
    for (const { where, parent } of this.laterParents)
      if (!this.ids.comments.has(parent))
        this.add(where, `names comments id ${parent}, which is not in the file`);
    for (const [path, problem] of this.loops.problems()) this.add(path, problem);
    const children = new Set(this.sectionParents.map((s) => s.id));
    for (const { where, parent } of this.sectionParents) {
      if (!this.ids.sections.has(parent))
        this.add(where, `names sections id ${parent}, which is not in the file`);
      else if (children.has(parent))
        this.add(
          where,
          `names sections id ${parent}, which is under another section: sections nest one level`,
        );
    }
  }

  /** Throws VALIDATION_FAILED naming the problems, if any. */
  throwIfAny(): void {
    if (this.problemCount === 0) return;
    const fields = { ...this.problems };
    if (this.problemCount > MAX_PROBLEMS)
      fields['(more)'] = `and ${this.problemCount - MAX_PROBLEMS} more problems not shown`;
    throw new AppError('VALIDATION_FAILED', {
      message: 'The file is not a Dateline export this version can import.',
      fields,
    });
  }
}

/** Checks a whole document without writing anything. Throws VALIDATION_FAILED naming each problem. */
export async function checkDocument(source: ImportDeps['open']): Promise<void> {
  const check = new DocumentCheck();
  try {
    for await (const event of readSections(source())) {
      check.accept(event);
      if (check.isFull) break;
    }
    check.finish();
  } catch (error) {
    if (!(error instanceof DocumentSyntaxError)) throw error;
    check.add(error.where, error.reason);
  }
  check.throwIfAny();
}

/** Rows per insert statement: well under SQLite's 32,766 bound variables for the widest table. */
const BATCH_ROWS = 500;
/** Articles per insert, and at most this much text: bodies may be up to a million characters each. */
const ARTICLE_BATCH = { rows: 100, chars: 8_000_000 };

/** The table each list other than `articles` is written to. */
const TABLES = {
  authors: 'authors',
  users: 'users',
  uploads: 'uploads',
  tags: 'tags',
  sections: 'sections',
  comments: 'comments',
  revisions: 'article_revisions',
  audit_log: 'audit_log',
  tag_suggestions: 'article_tag_suggestions',
  redirects: 'redirects',
} as const satisfies Record<Exclude<SectionName, 'articles'>, string>;

/** The second pass: turns records back into rows and inserts them in batches, in file order. */
class Writer {
  readonly counts = Object.fromEntries(
    [...Object.keys(SECTIONS), 'settings'].map((name) => [name, 0]),
  ) as TransferCounts;
  private articles: InsertRows<'articles'> = [];
  private articleChars = 0;
  private bylines: InsertRows<'article_authors'> = [];
  private articleTags: InsertRows<'article_tags'> = [];
  private articleSources: InsertRows<'article_sources'> = [];
  private plain: { [K in Exclude<SectionName, 'articles'>]: unknown[] } = {
    authors: [],
    users: [],
    uploads: [],
    tags: [],
    sections: [],
    comments: [],
    revisions: [],
    audit_log: [],
    tag_suggestions: [],
    redirects: [],
  };
  private readonly loops = new RedirectLoops();
  private readonly commentIds = new Set<number>();
  private readonly laterParents: { id: number; parent: number }[] = [];
  private readonly sectionParents: { id: number; parent: number }[] = [];

  constructor(
    private readonly trx: Db,
    private readonly markdown: ImportDeps['markdown'],
  ) {}

  async accept(event: SectionEvent): Promise<void> {
    if (event.kind === 'member') {
      if (event.key === 'settings') await this.settings(event.value as Record<string, unknown>);
      if (event.key === 'secrets') await writeSecrets(this.trx, event.value as Record<string, string>);
      return;
    }
    if (!isSection(event.key)) return;
    // The file's sections replace the News a fresh database starts with.
    if (event.kind === 'array-start' && event.key === 'sections') await deleteAllSections(this.trx);
    if (event.kind === 'array-end') {
      await this.flush(event.key);
      if (event.key === 'sections')
        for (const { id, parent } of this.sectionParents) await setSectionParent(this.trx, id, parent);
      return;
    }
    if (event.kind !== 'element') return;
    // The first pass checked this; a file changed since then is refused rather than half written.
    const where = `${event.key}[${event.index}]`;
    const changed = 'changed while it was being imported';
    if (!validatorFor(SECTIONS[event.key].schema).Check(event.value))
      throw new AppError('VALIDATION_FAILED', { fields: { [where]: changed } });
    const value = event.value as SectionRecords[SectionName];
    const problems = contentProblems(event.key, value);
    if (problems.length > 0)
      throw new AppError('VALIDATION_FAILED', {
        fields: Object.fromEntries(
          problems.map(([field, problem]) => [`${where}.${field}`, `${problem} (${changed})`]),
        ),
      });
    this.counts[event.key] += 1;
    await this.record(event.key, value, where);
  }

  private async settings(values: Record<string, unknown>): Promise<void> {
    const rows = Object.entries(values).map(([key, value]) => ({ key, value: JSON.stringify(value) }));
    await insertRows(this.trx, 'settings', rows);
    this.counts.settings = rows.length;
  }

  /** The article's HTML as the newsroom would render it on save; a body it cannot render is named. */
  private async render(source: string, format: BodyFormat, where: string): Promise<string> {
    try {
      return await this.markdown.render(source, format);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new AppError('VALIDATION_FAILED', {
        message: 'An article body in the file cannot be rendered.',
        fields: { [`${where}.body_markdown`]: error.message },
        cause: error,
      });
    }
  }

  private async record(
    section: SectionName,
    value: SectionRecords[SectionName],
    where: string,
  ): Promise<void> {
    if (section === 'articles') {
      const a = value as SectionRecords['articles'];
      const {
        authors,
        tags,
        sources,
        source_name: sourceName,
        source_url: sourceUrl,
        comments_open,
        body_html: _fromTheFile,
        ...columns
      } = a;
      // The file's HTML is never stored: it could hold anything. The source is rendered again from its
      // format (a file from before formats is all Markdown) and stored as Dateline body HTML, as the
      // newsroom stores every body.
      const bodyHtml = await this.render(a.body_markdown, a.body_format ?? 'markdown', where);
      this.articles.push({
        ...columns,
        body_markdown: bodyHtml,
        body_format: 'html',
        review_requested_at: a.review_requested_at ?? null,
        body_html: bodyHtml,
        body_text: bodyText(bodyHtml),
        comments_open: comments_open ? 1 : 0,
      });
      this.articleChars += a.body_markdown.length + bodyHtml.length;
      authors.forEach((id, position) => this.bylines.push({ article_id: a.id, author_id: id, position }));
      tags.forEach((id, position) => this.articleTags.push({ article_id: a.id, tag_id: id, position }));
      // An older file's pair is the one source; one with only an address is named by it, as migration
      // 0027 did with such rows.
      const legacyName = sourceName?.trim() || sourceUrl || null;
      const credited = sources ?? (legacyName ? [{ name: legacyName, url: sourceUrl ?? null }] : []);
      credited.forEach((s, position) =>
        this.articleSources.push({ article_id: a.id, position, name: s.name, url: s.url }),
      );
      if (this.articles.length >= ARTICLE_BATCH.rows || this.articleChars >= ARTICLE_BATCH.chars)
        await this.flush('articles');
      return;
    }
    if (section === 'comments') {
      const c = value as SectionRecords['comments'];
      // A reply listed before its parent gets the parent once both are in.
      if (c.parent_id !== null && !this.commentIds.has(c.parent_id)) {
        this.laterParents.push({ id: c.id, parent: c.parent_id });
        this.plain.comments.push({ ...c, parent_id: null });
      } else this.plain.comments.push(c);
      this.commentIds.add(c.id);
    } else if (section === 'sections') {
      // Written without parents, then given them once every section is in.
      const s = value as SectionRecords['sections'];
      if (s.parent_id !== null) this.sectionParents.push({ id: s.id, parent: s.parent_id });
      this.plain.sections.push({ ...s, parent_id: null });
    } else if (section === 'authors') {
      const a = value as SectionRecords['authors'];
      this.plain.authors.push({ ...a, is_public: a.is_public ? 1 : 0 });
    } else if (section === 'uploads') {
      const u = value as SectionRecords['uploads'];
      // A file from before uploads had descriptions gives none: empty, as the columns' default.
      this.plain.uploads.push({
        ...u,
        variants: JSON.stringify(u.variants),
        alt: u.alt ?? '',
        caption: u.caption ?? '',
        title: u.title ?? '',
        filename: u.filename ?? '',
      });
    } else if (section === 'revisions') {
      const v = value as SectionRecords['revisions'];
      this.plain.revisions.push({ ...v, snapshot: JSON.stringify(v.snapshot) });
    } else if (section === 'audit_log') {
      const l = value as SectionRecords['audit_log'];
      this.plain.audit_log.push({ ...l, detail: JSON.stringify(l.detail) });
    } else if (section === 'redirects') {
      const d = value as SectionRecords['redirects'];
      // Only on-site hops can lead back: a 410 ends where it is, an external row on another site.
      if (d.status !== 410 && d.is_external !== true)
        this.loops.add(this.counts.redirects - 1, d.from_path, d.to_path);
      this.plain.redirects.push({ ...d, is_external: d.is_external === true ? 1 : 0 });
    } else this.plain[section].push(value);
    if (this.plain[section].length >= BATCH_ROWS) await this.flush(section);
  }

  private async flush(section: SectionName): Promise<void> {
    if (section === 'sections') {
      await insertRows(this.trx, 'sections', this.plain.sections as InsertRows<'sections'>);
      this.plain.sections = [];
      return;
    }
    if (section === 'articles') {
      await insertRows(this.trx, 'articles', this.articles);
      await insertRows(this.trx, 'article_authors', this.bylines);
      await insertRows(this.trx, 'article_tags', this.articleTags);
      await insertRows(this.trx, 'article_sources', this.articleSources);
      this.articles = [];
      this.bylines = [];
      this.articleTags = [];
      this.articleSources = [];
      this.articleChars = 0;
      return;
    }
    const rows = this.plain[section];
    this.plain[section] = [];
    const table = TABLES[section];
    await insertRows(this.trx, table, rows as InsertRows<typeof table>);
  }

  async finish(): Promise<void> {
    const loops = [...this.loops.problems()];
    if (loops.length > 0)
      throw new AppError('VALIDATION_FAILED', {
        fields: Object.fromEntries(
          loops.map(([path, problem]) => [path, `${problem} (changed while it was being imported)`]),
        ),
      });
    for (const { id, parent } of this.laterParents) await setCommentParent(this.trx, id, parent);
    await fileUnsectionedArticles(this.trx);
  }
}

async function refuseIfNotEmpty(db: Db): Promise<void> {
  const tables = await tablesWithRows(db);
  if (tables.length > 0)
    throw new AppError('PUBLICATION_NOT_EMPTY', {
      message: `This database already holds a publication (it has ${tables.join(', ')}): import only into an empty one.`,
    });
}

/**
 * Imports a document into an empty database, keeping every id, in one transaction: a problem anywhere
 * leaves the database as it was. Throws PUBLICATION_NOT_EMPTY or VALIDATION_FAILED (naming each bad path).
 */
export async function importPublication(deps: ImportDeps): Promise<TransferCounts> {
  await refuseIfNotEmpty(deps.db);
  await checkDocument(deps.open);
  return transact(deps.db, async (trx) => {
    // Two imports at once into one PostgreSQL database: the second waits, then finds it not empty.
    await lockKeys(trx, ['transfer:import']);
    await refuseIfNotEmpty(trx);
    const writer = new Writer(trx, deps.markdown);
    try {
      for await (const event of readSections(deps.open())) await writer.accept(event);
    } catch (error) {
      if (error instanceof DocumentSyntaxError)
        throw new AppError('VALIDATION_FAILED', {
          fields: { [error.where]: `${error.reason} (the file changed while it was being imported)` },
        });
      throw error;
    }
    await writer.finish();
    await deleteOwnerLinks(trx);
    await advanceIdSequences(trx);
    return writer.counts;
  });
}
