import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { refusalOf, type FormRefusal } from '../../platform/http/form-refusal.ts';
import { dropUnfitQuery, QueryTextSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import { isMenuName, MENU_NAMES, MOVES, type MenuName, type Move } from './rules.ts';
import type { MenuActor, MenuService } from './service.ts';
import { MenusPage } from './views/menus-page.tsx';

/** What the Menus screen needs. */
export interface MenuAdminOptions {
  menus: MenuService;
  siteTitle: () => Promise<string>;
}

const NOTICES: Record<string, string> = {
  added: 'Link added.',
  moved: 'Link moved.',
  deleted: 'Link deleted.',
  reset: 'Menu reset to its default.',
};
const MenusQuerySchema = Type.Object({ done: Type.Optional(QueryTextSchema) });
const MenuParamsSchema = Type.Object({ menu: Type.Union(MENU_NAMES.map((m) => Type.Literal(m))) });
/** A form's fields; each is read by `text`, which takes the last of a repeated one. */
const FormBodySchema = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));

/** The errors a Menus form answers on the page, keeping what was typed. */
const FORM_ERRORS = new Set(['VALIDATION_FAILED', 'NOT_FOUND']);

function text(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last : '';
}

function entryId(value: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(value)) throw new AppError('NOT_FOUND');
  return Number(value);
}

/** The Menus screen, mounted under /admin: 'menu.manage' for every route. */
export const menuAdminRoutes: FastifyPluginAsync<MenuAdminOptions> = async (scope, { menus, siteTitle }) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { config: { permission: 'menu.manage' } } as const;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; problem?: FormRefusal; status?: number },
  ) {
    const [header, footer] = await Promise.all([menus.overview('header'), menus.overview('footer')]);
    return reply
      .code(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <MenusPage
            chrome={chromeFor(staffOf(request), await siteTitle())}
            menus={[
              { name: 'header', isDefault: header.isDefault, entries: header.entries },
              { name: 'footer', isDefault: footer.isDefault, entries: footer.entries },
            ]}
            sections={header.sections}
            tags={header.tags}
            {...(extra.notice !== undefined && { notice: extra.notice })}
            {...(extra.problem && { problem: extra.problem })}
          />,
        ),
      );
  }

  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { name: string; values: Record<string, string> },
    done: string,
    run: (actor: MenuActor) => Promise<unknown>,
  ) {
    const staff = staffOf(request);
    const refused = await refusalOf(form, FORM_ERRORS, () => run({ id: staff.id, name: staff.name }));
    if (refused) {
      // Only the add form has fields to point at; a button's refusal reads as one sentence.
      const { problem } = refused;
      if (form.name !== 'add' && Object.keys(problem.fields).length > 0) {
        const message = `That link ${Object.values(problem.fields).join('; ')}.`;
        return page(request, reply, { status: refused.status, problem: { ...problem, fields: {}, message } });
      }
      return page(request, reply, refused);
    }
    return reply.redirect(`/admin/menus?done=${done}`, 303);
  }

  app.get(
    '/menus',
    { ...manage, schema: { querystring: MenusQuerySchema }, preValidation: dropUnfitQuery(MenusQuerySchema) },
    async (request, reply) => {
      const { done } = request.query;
      return page(request, reply, { ...(done !== undefined && NOTICES[done] && { notice: NOTICES[done] }) });
    },
  );

  app.post('/menus/add', { ...manage, schema: { body: FormBodySchema } }, async (request, reply) => {
    const values = {
      menu: text(request.body, 'menu'),
      kind: text(request.body, 'kind'),
      label: text(request.body, 'label'),
      section: text(request.body, 'section'),
      tag: text(request.body, 'tag'),
      address: text(request.body, 'address'),
      parent: text(request.body, 'parent'),
    };
    return act(request, reply, { name: 'add', values }, 'added', (actor) => {
      if (!isMenuName(values.menu))
        throw new AppError('VALIDATION_FAILED', { fields: { menu: 'must be the header or the footer' } });
      const target =
        values.kind === 'section' ? values.section : values.kind === 'tag' ? values.tag : values.address;
      return menus.add({
        menu: values.menu,
        kind: values.kind,
        label: values.label,
        target,
        parent: values.parent,
        actor,
      });
    });
  });

  const byMenu = { ...manage, schema: { params: MenuParamsSchema, body: FormBodySchema } };
  app.post('/menus/:menu/move', byMenu, async (request, reply) => {
    const menu: MenuName = request.params.menu;
    const values = { id: text(request.body, 'id'), move: text(request.body, 'move') };
    return act(request, reply, { name: 'move', values }, 'moved', (actor) => {
      const move = values.move as Move;
      if (!(MOVES as readonly string[]).includes(move))
        throw new AppError('VALIDATION_FAILED', { fields: { move: 'is not a way a link can move' } });
      return menus.move({ menu, id: entryId(values.id), move, actor });
    });
  });

  app.post('/menus/:menu/delete', byMenu, async (request, reply) => {
    const menu: MenuName = request.params.menu;
    const values = { id: text(request.body, 'id') };
    return act(request, reply, { name: 'delete', values }, 'deleted', (actor) =>
      menus.remove({ menu, id: entryId(values.id), actor }),
    );
  });

  app.post('/menus/:menu/reset', byMenu, async (request, reply) => {
    const menu: MenuName = request.params.menu;
    return act(request, reply, { name: 'reset', values: {} }, 'reset', (actor) =>
      menus.reset({ menu, actor }),
    );
  });
};
