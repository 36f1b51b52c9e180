import type { FormRefusal } from '../../../platform/http/form-refusal.ts';
import {
  AdminLayout,
  CsrfField,
  FieldError,
  FormErrors,
  Notice,
  type AdminChrome,
} from '../../../platform/render/admin-layout.tsx';
import type { Section } from '../../sections/index.ts';
import type { TagRef } from '../../tags/index.ts';
import type { MenuName } from '../rules.ts';
import type { MenuEntryView } from '../service.ts';

/** One menu as the screen shows it. */
export interface MenuOverview {
  name: MenuName;
  isDefault: boolean;
  entries: MenuEntryView[];
}

const TITLES: Record<MenuName, string> = { header: 'Header menu', footer: 'Footer menu' };
const KIND_NAMES = { section: 'Section', tag: 'Tag', page: 'Page', url: 'Web address' } as const;

function entryName(view: MenuEntryView): string {
  return view.link?.label || view.entry.label || `(${KIND_NAMES[view.entry.kind].toLowerCase()})`;
}

/** One button that moves or deletes an entry; its accessible name says which entry. */
function EntryButton(props: {
  chrome: AdminChrome;
  menu: MenuName;
  id: number;
  action: 'move' | 'delete';
  move?: string;
  text: string;
  name: string;
  danger?: boolean;
}) {
  return (
    <form method="post" action={`/admin/menus/${props.menu}/${props.action}`} class="inline">
      <CsrfField token={props.chrome.csrfToken} />
      <input type="hidden" name="id" value={String(props.id)} />
      {props.move && <input type="hidden" name="move" value={props.move} />}
      <button type="submit" class={props.danger ? 'danger' : 'secondary'}>
        {props.text}
        <span class="sr-only">{`: ${props.name}`}</span>
      </button>
    </form>
  );
}

function Entry(props: {
  chrome: AdminChrome;
  menu: MenuName;
  view: MenuEntryView;
  isFirst: boolean;
  isLast: boolean;
  isChild: boolean;
  canIndent: boolean;
}) {
  const { chrome, menu, view } = props;
  const name = entryName(view);
  const common = { chrome, menu, id: view.entry.id, name };
  return (
    <li>
      <p class="menu-entry">
        <strong>{name}</strong> <span class="hint">{KIND_NAMES[view.entry.kind]}</span>{' '}
        {view.link ? <code>{view.link.href}</code> : <em>{`Not shown: ${view.hidden ?? ''}`}</em>}
      </p>
      <div class="menu-entry-actions">
        {!props.isFirst && <EntryButton {...common} action="move" move="up" text="Up" />}
        {!props.isLast && <EntryButton {...common} action="move" move="down" text="Down" />}
        {props.canIndent && <EntryButton {...common} action="move" move="in" text="Under the link above" />}
        {props.isChild && <EntryButton {...common} action="move" move="out" text="To the top level" />}
        <EntryButton {...common} action="delete" text="Delete" danger />
      </div>
      {view.children.length > 0 && (
        <ol>
          {view.children.map((child, i) => (
            <Entry
              chrome={chrome}
              menu={menu}
              view={child}
              isFirst={i === 0}
              isLast={i === view.children.length - 1}
              isChild
              canIndent={false}
            />
          ))}
        </ol>
      )}
    </li>
  );
}

/**
 * The newsroom's Menus screen ('menu.manage'): the header and footer menus with buttons to move,
 * nest and delete each link, one form to add a link, and a button to go back to a menu's default.
 * Works without script.
 */
export function MenusPage(props: {
  chrome: AdminChrome;
  menus: MenuOverview[];
  sections: Section[];
  tags: TagRef[];
  notice?: string;
  problem?: FormRefusal;
}) {
  const { chrome, menus, sections, tags, problem } = props;
  const typed = (field: string, fallback = '') =>
    problem?.form === 'add' ? (problem.values[field] ?? fallback) : fallback;
  const fields = problem?.form === 'add' ? problem.fields : undefined;
  const header = menus.find((m) => m.name === 'header');
  const kind = typed('kind', 'section');
  const menu = typed('menu', 'header');
  const described = (name: string) => (fields?.[name] ? `error-${name}` : undefined);
  return (
    <AdminLayout chrome={chrome} title="Menus" current="menus">
      <h1>Menus</h1>
      <Notice text={props.notice} />
      <FormErrors
        fields={problem?.fields}
        {...(problem?.message !== undefined && { message: problem.message })}
      />
      {menus.map((m) => (
        <section aria-labelledby={`menu-${m.name}`}>
          <h2 id={`menu-${m.name}`}>{TITLES[m.name]}</h2>
          <p class="hint">
            {m.isDefault
              ? m.name === 'header'
                ? 'The default: the top-level sections, each with the sections under it. A change here makes the menu your own.'
                : 'The default: the feeds and search. A change here makes the menu your own.'
              : m.name === 'header'
                ? 'Links may sit under a top-level link, one level deep; on a phone they fold under a button.'
                : 'A flat list of links.'}
          </p>
          {m.entries.length === 0 ? (
            <p>No links: readers see none.</p>
          ) : (
            <ol class="menu-entries">
              {m.entries.map((view, i) => (
                <Entry
                  chrome={chrome}
                  menu={m.name}
                  view={view}
                  isFirst={i === 0}
                  isLast={i === m.entries.length - 1}
                  isChild={false}
                  canIndent={m.name === 'header' && i > 0 && view.children.length === 0}
                />
              ))}
            </ol>
          )}
          {!m.isDefault && (
            <form method="post" action={`/admin/menus/${m.name}/reset`}>
              <CsrfField token={chrome.csrfToken} />
              <button type="submit" class="secondary">{`Reset the ${m.name} menu to its default`}</button>
            </form>
          )}
        </section>
      ))}

      <section aria-labelledby="add-link">
        <h2 id="add-link">Add a link</h2>
        <form method="post" action="/admin/menus/add">
          <CsrfField token={chrome.csrfToken} />
          <label for="field-menu">Menu</label>
          <select id="field-menu" name="menu">
            <option value="header" selected={menu === 'header'}>
              Header
            </option>
            <option value="footer" selected={menu === 'footer'}>
              Footer
            </option>
          </select>
          <label for="field-kind">Links to</label>
          <select id="field-kind" name="kind" aria-describedby={described('kind')}>
            {(['section', 'tag', 'page', 'url'] as const).map((k) => (
              <option value={k} selected={kind === k}>
                {KIND_NAMES[k]}
              </option>
            ))}
          </select>
          <FieldError fields={fields} name="kind" />
          <label for="field-label">Label</label>
          <input
            id="field-label"
            name="label"
            type="text"
            maxlength={200}
            value={typed('label')}
            aria-describedby={described('label') ?? 'label-hint'}
          />
          <p class="hint" id="label-hint">
            The words readers see. Leave it empty for a section or a tag to show its current name.
          </p>
          <FieldError fields={fields} name="label" />
          <label for="field-section">Section (for a link to a section)</label>
          <select id="field-section" name="section">
            {sections.map((s) => (
              <option value={String(s.id)} selected={typed('section') === String(s.id)}>
                {s.parent ? `${s.parent.name} › ${s.name}` : s.name}
              </option>
            ))}
          </select>
          <label for="field-tag">Tag (for a link to a tag; shown once a published article carries it)</label>
          <select id="field-tag" name="tag">
            <option value="">–</option>
            {tags.map((t) => (
              <option value={String(t.id)} selected={typed('tag') === String(t.id)}>
                {t.name}
              </option>
            ))}
          </select>
          <label for="field-target">
            Address (for a page: a path such as /about/; for a web address: https://… or a path)
          </label>
          <input
            id="field-target"
            name="address"
            type="text"
            maxlength={2000}
            value={typed('address')}
            aria-describedby={described('target')}
          />
          <FieldError fields={fields} name="target" />
          <label for="field-parent">Under (header only)</label>
          <select id="field-parent" name="parent" aria-describedby={described('parent')}>
            <option value="">Nothing: a top-level link</option>
            {(header?.entries ?? []).map((v) => (
              <option value={String(v.entry.id)} selected={typed('parent') === String(v.entry.id)}>
                {entryName(v)}
              </option>
            ))}
          </select>
          <FieldError fields={fields} name="parent" />
          <div class="actions">
            <button type="submit">Add link</button>
          </div>
        </form>
      </section>
    </AdminLayout>
  );
}
