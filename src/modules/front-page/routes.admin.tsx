import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { refusalOf, type FormRefusal } from '../../platform/http/form-refusal.ts';
import { dropUnfitQuery, QueryTextSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import { fromLocalInput, toLocalInput, type ArticleService } from '../articles/index.ts';
import type { SectionService } from '../sections/index.ts';
import type { SettingsService } from '../settings/index.ts';
import type { Curation, FrontPageService } from './service.ts';
import { FrontPageScreen, type FrontPageForm } from './views/front-page-screen.tsx';

/** What the Front page screen needs. */
export interface FrontPageAdminOptions {
  frontPage: FrontPageService;
  articles: Pick<ArticleService, 'listPublished'>;
  sections: Pick<SectionService, 'list'>;
  settings: SettingsService;
}

const FrontPageQuerySchema = Type.Object({ done: Type.Optional(QueryTextSchema) });

/** The errors the form answers on the page, keeping what was typed. */
const FORM_ERRORS = new Set(['VALIDATION_FAILED']);
/** How many slots of each kind a posted form may carry before the rest are ignored (a crafted post). */
const MAX_SLOTS = 50;
/** How many recent stories the lead and pin fields suggest. */
const RECENT = 40;

function text(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last.trim() : '';
}

/** The numbered slots (`pin-3-article`) a form sent, in order: blank ones are dropped and the rest renumbered. */
function slotsOf<K extends string>(body: unknown, prefix: string, names: readonly K[]): Record<K, string>[] {
  const numbers = new Set<number>();
  const pattern = new RegExp(`^${prefix}-(\\d{1,3})-(${names.join('|')})$`);
  for (const key of Object.keys((body as Record<string, unknown> | undefined) ?? {})) {
    const match = pattern.exec(key);
    if (match) numbers.add(Number(match[1]));
  }
  return [...numbers]
    .sort((a, b) => a - b)
    .slice(0, MAX_SLOTS)
    .map(
      (n) =>
        Object.fromEntries(names.map((name) => [name, text(body, `${prefix}-${n}-${name}`)])) as Record<
          K,
          string
        >,
    );
}

/** The form as the saved curation fills it. */
function formOf(curation: Curation, timezone: string): FrontPageForm {
  return {
    lead: curation.lead?.slug ?? '',
    // An expired pin has dropped off: the form leaves it out, so the next save removes it.
    pins: curation.pins
      .filter((p) => !p.isExpired)
      .map((p) => ({ article: p.slug, expires: p.expiresAt ? toLocalInput(p.expiresAt, timezone) : '' })),
    rows: curation.rows.map((r) => ({ section: r.section.slug, count: String(r.count) })),
  };
}

/** The form a refusal carries back: its values, slot by slot. */
function formFromValues(values: Record<string, string>): FrontPageForm {
  return {
    lead: values.lead ?? '',
    pins: slotsOf(values, 'pin', ['article', 'expires'] as const),
    rows: slotsOf(values, 'row', ['section', 'count'] as const),
  };
}

/** The Front page screen, mounted under /admin: 'frontpage.manage' for every route. */
export const frontPageAdminRoutes: FastifyPluginAsync<FrontPageAdminOptions> = async (
  scope,
  { frontPage, articles, sections, settings },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { config: { permission: 'frontpage.manage' } } as const;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; problem?: FormRefusal; status?: number },
  ) {
    const all = await settings.all();
    const timezone = all['site.timezone'];
    const [curation, recent, every] = await Promise.all([
      frontPage.get(),
      articles.listPublished({ page: 1, perPage: RECENT }),
      sections.list(),
    ]);
    const stamp = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: timezone,
    });
    return reply
      .code(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <FrontPageScreen
            chrome={chromeFor(staffOf(request), all['site.title'])}
            curation={curation}
            form={extra.problem ? formFromValues(extra.problem.values) : formOf(curation, timezone)}
            recent={(recent?.items ?? []).map((a) => ({ slug: a.slug, title: a.title }))}
            sections={every.map((s) => ({
              id: s.id,
              slug: s.slug,
              name: s.parent ? `${s.parent.name} › ${s.name}` : s.name,
            }))}
            timezone={timezone}
            formatStamp={(iso) => stamp.format(new Date(iso))}
            {...(extra.notice !== undefined && { notice: extra.notice })}
            {...(extra.problem && { problem: extra.problem })}
          />,
        ),
      );
  }

  app.get(
    '/front-page',
    {
      ...manage,
      schema: { querystring: FrontPageQuerySchema },
      preValidation: dropUnfitQuery(FrontPageQuerySchema),
    },
    async (request, reply) =>
      page(request, reply, {
        ...(request.query.done === 'saved' && { notice: 'Front page saved. Readers see it now.' }),
      }),
  );

  app.post('/front-page', manage, async (request, reply) => {
    const staff = staffOf(request);
    const timezone = (await settings.all())['site.timezone'];
    const pins = slotsOf(request.body, 'pin', ['article', 'expires'] as const).filter(
      (p) => p.article !== '' || p.expires !== '',
    );
    const rows = slotsOf(request.body, 'row', ['section', 'count'] as const).filter((r) => r.section !== '');
    const values: Record<string, string> = { lead: text(request.body, 'lead') };
    pins.forEach((p, i) => {
      values[`pin-${i + 1}-article`] = p.article;
      values[`pin-${i + 1}-expires`] = p.expires;
    });
    rows.forEach((r, i) => {
      values[`row-${i + 1}-section`] = r.section;
      values[`row-${i + 1}-count`] = r.count;
    });
    const refused = await refusalOf({ name: 'front-page', values }, FORM_ERRORS, async () => {
      // A time that is not one is the form's problem, found before the service is asked.
      const fields: FieldErrors = {};
      const expiries = pins.map((p, i) => {
        if (p.expires === '') return null;
        const at = fromLocalInput(p.expires, timezone);
        if (at === undefined)
          fields[`pin-${i + 1}-expires`] = 'must be a date and time, such as 2026-11-27T09:30';
        return at ?? null;
      });
      if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
      await frontPage.save({
        lead: values.lead ?? '',
        pins: pins.map((p, i) => ({ article: p.article, expiresAt: expiries[i] ?? null })),
        rows: rows.map((r) => ({
          section: r.section,
          count: /^\d{1,3}$/.test(r.count) ? Number(r.count) : NaN,
        })),
        actor: { id: staff.id, name: staff.name },
      });
    });
    if (refused) return page(request, reply, refused);
    return reply.redirect('/admin/front-page?done=saved', 303);
  });
};
