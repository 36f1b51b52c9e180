import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { dropUnfitQuery, QueryTextSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import { parseSettingValue, settingDefinitions, type SettingKey, type Settings } from './definitions.ts';
import type { SettingsService, SettingsUpdate } from './service.ts';
import { SettingsPage } from './views/settings-page.tsx';

/** What the settings screen needs. */
export interface SettingsRoutesOptions {
  settings: SettingsService;
  siteTitle: () => Promise<string>;
}

const keys = Object.keys(settingDefinitions) as SettingKey[];

/** `?saved` after a save shows the notice. */
const SettingsQuerySchema = Type.Object({ saved: Type.Optional(QueryTextSchema) });

/** A stored value as the form shows it: lists one item a line. */
function asText(value: Settings[SettingKey]): string {
  return Array.isArray(value) ? value.join('\n') : String(value);
}

function timezones(): readonly string[] {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  } catch {
    return ['UTC'];
  }
}

/** The site settings, mounted under /admin. Admins only ('setting.manage'). */
export const settingsAdminRoutes: FastifyPluginAsync<SettingsRoutesOptions> = async (
  app,
  { settings, siteTitle },
) => {
  const zones = timezones();
  const html = (reply: FastifyReply, node: Parameters<typeof renderDocument>[0], status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').send(renderDocument(node));

  app.get<{ Querystring: { saved?: string } }>(
    '/settings',
    {
      config: { permission: 'setting.manage' },
      schema: { querystring: SettingsQuerySchema },
      preValidation: dropUnfitQuery(SettingsQuerySchema),
    },
    async (request, reply) => {
      const current = await settings.all();
      const values = Object.fromEntries(keys.map((k) => [k, asText(current[k])])) as Record<
        SettingKey,
        string
      >;
      return html(
        reply,
        <SettingsPage
          chrome={chromeFor(staffOf(request), await siteTitle())}
          values={values}
          timezones={zones}
          {...(request.query.saved !== undefined && { notice: 'Settings saved.' })}
        />,
      );
    },
  );

  // The form keeps its own reader: a refused value comes back as typed, beside its reason.
  app.post<{ Body: Record<string, unknown> }>(
    '/settings',
    { config: { permission: 'setting.manage' } },
    async (request, reply) => {
      const staff = staffOf(request);
      const body = request.body ?? {};
      const current = await settings.all();
      // A setting the form did not send keeps its value: a script may post only what it changes.
      const typed: SettingsUpdate & Partial<Record<SettingKey, string>> = {};
      const fields: Partial<Record<SettingKey, string>> = {};
      for (const key of keys) {
        const raw = body[key];
        const text: unknown = Array.isArray(raw) ? raw.at(-1) : raw;
        if (typeof text !== 'string') continue;
        typed[key] = text;
        const parsed = parseSettingValue(key, text);
        if ('error' in parsed)
          fields[key] = `${parsed.error.charAt(0).toUpperCase()}${parsed.error.slice(1)}.`;
      }
      if (Object.keys(fields).length > 0) {
        const values = Object.fromEntries(keys.map((k) => [k, typed[k] ?? asText(current[k])])) as Record<
          SettingKey,
          string
        >;
        return html(
          reply,
          <SettingsPage
            chrome={chromeFor(staff, await siteTitle())}
            values={values}
            fields={fields}
            timezones={zones}
          />,
          400,
        );
      }
      await settings.update(typed, { actor: { id: staff.id, name: staff.name } });
      return reply.redirect('/admin/settings?saved', 303);
    },
  );
};
