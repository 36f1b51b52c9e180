import { AdminLayout, CsrfField, Notice, type AdminChrome } from '../../../platform/render/admin-layout.tsx';
import { settingDefinitions, type SettingKey } from '../definitions.ts';

/** How the settings page presents one setting: its visible label; the hint is the definition's doc. */
const labels: Record<SettingKey, string> = {
  'site.title': 'Title',
  'site.description': 'Description',
  'site.language': 'Language',
  'site.timezone': 'Timezone',
  'site.posts_per_page': 'Articles per page',
  'comments.flood_seconds': 'Seconds between comments',
  'comments.max_links': 'Links allowed before a comment is held',
  'comments.moderation_words': 'Words that hold a comment',
  'comments.block_words': 'Words that mark a comment as spam',
  'comments.first_comment_held': 'Hold comments until the commenter has one approved',
  'comments.max_depth': 'Reply depth',
  'comments.close_after_days': 'Close comments after (days)',
  'feeds.full_content': 'Full text in feeds',
  'feeds.items': 'Articles per feed',
  'staff.session_idle_hours': 'Sign out after this many idle hours',
};

/** Extra words under some fields, where the definition's one line is not enough for a form. */
const extraHints: Partial<Record<SettingKey, string>> = {
  'site.language': 'For example en, en-GB or nb.',
  'site.timezone': 'An IANA name, for example Europe/London or America/New_York.',
  'comments.moderation_words': 'One per line. Matched in the name, email, website and text.',
  'comments.block_words': 'One per line. Matched in the name, email, website and text.',
};

/** The page's sections, each a fieldset; every key of a prefix lands in its section. */
const sections = [
  { id: 'site', legend: 'Site', prefix: 'site.' },
  { id: 'comment-rules', legend: 'Comment rules', prefix: 'comments.' },
  { id: 'feeds', legend: 'Feeds', prefix: 'feeds.' },
  { id: 'staff', legend: 'Newsroom sign-in', prefix: 'staff.' },
] as const;

/** The label a setting has on the page, for messages about it. */
export function settingLabel(key: SettingKey): string {
  return labels[key];
}

/** The id of a setting's control: "site.title" → "field-site-title", as the error summary links to. */
export function fieldId(key: string): string {
  return `field-${key.replace(/[^a-z0-9_-]/gi, '-')}`;
}

/** Props of the settings page: the values to show (stored, or as typed) and any problems. */
export interface SettingsPageProps {
  chrome: AdminChrome;
  /** Each setting as form text: lists one item a line, booleans "true"/"false". */
  values: Record<SettingKey, string>;
  fields?: Partial<Record<SettingKey, string>>;
  notice?: string;
  timezones: readonly string[];
}

function Control({
  settingKey,
  value,
  describedBy,
  isInvalid,
}: {
  settingKey: SettingKey;
  value: string;
  describedBy: string;
  isInvalid: boolean;
}) {
  const def = settingDefinitions[settingKey];
  const common = {
    id: fieldId(settingKey),
    name: settingKey,
    'aria-describedby': describedBy,
    'aria-invalid': isInvalid ? ('true' as const) : undefined,
  };
  switch (def.type) {
    case 'integer':
      return (
        <input {...common} type="number" inputmode="numeric" min={def.min} max={def.max} value={value} />
      );
    case 'list':
      return <textarea {...common}>{value}</textarea>;
    case 'boolean':
      return (
        <select {...common}>
          <option value="true" selected={value === 'true'}>
            Yes
          </option>
          <option value="false" selected={value !== 'true'}>
            No
          </option>
        </select>
      );
    case 'string':
      return (
        <input
          {...common}
          type="text"
          required
          maxlength={def.max}
          value={value}
          {...(settingKey === 'site.timezone' && { list: 'timezones', autocomplete: 'off' })}
          {...(settingKey === 'site.language' && { autocomplete: 'off', spellcheck: false })}
        />
      );
  }
}

/** The site settings, generated from the definitions: every field with a visible label and hint. */
export function SettingsPage(props: SettingsPageProps) {
  const keys = Object.keys(settingDefinitions) as SettingKey[];
  const problems = keys.filter((k) => props.fields?.[k]);
  return (
    <AdminLayout chrome={props.chrome} title="Settings" current="settings">
      <h1>Settings</h1>
      <Notice text={props.notice} />
      {problems.length > 0 && (
        <div class="form-errors" role="alert" tabindex={-1} id="form-errors">
          <p>Some settings need another look. Nothing was saved.</p>
          <ul>
            {problems.map((k) => (
              <li>
                <a href={`#${fieldId(k)}`}>
                  {labels[k]}: {props.fields?.[k]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action="/admin/settings">
        <CsrfField token={props.chrome.csrfToken} />
        {sections.map((section) => (
          <fieldset id={section.id}>
            <legend>{section.legend}</legend>
            {keys
              .filter((k) => k.startsWith(section.prefix))
              .map((k) => {
                const hintId = `hint-${fieldId(k)}`;
                const errorId = `error-${fieldId(k)}`;
                const problem = props.fields?.[k];
                return (
                  <div class="setting">
                    <label for={fieldId(k)}>{labels[k]}</label>
                    <Control
                      settingKey={k}
                      value={props.values[k]}
                      describedBy={problem ? `${hintId} ${errorId}` : hintId}
                      isInvalid={problem !== undefined}
                    />
                    <p class="hint" id={hintId}>
                      {settingDefinitions[k].doc}
                      {extraHints[k] && ` ${extraHints[k]}`}
                    </p>
                    {problem && (
                      <p class="field-error" id={errorId}>
                        {problem}
                      </p>
                    )}
                  </div>
                );
              })}
          </fieldset>
        ))}
        <datalist id="timezones">
          {props.timezones.map((zone) => (
            <option value={zone}></option>
          ))}
        </datalist>
        <div class="actions">
          <button type="submit">Save settings</button>
        </div>
      </form>
    </AdminLayout>
  );
}
