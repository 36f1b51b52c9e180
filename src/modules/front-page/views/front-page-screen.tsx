import type { FormRefusal } from '../../../platform/http/form-refusal.ts';
import {
  AdminLayout,
  CsrfField,
  FieldError,
  FormErrors,
  Notice,
  type AdminChrome,
} from '../../../platform/render/admin-layout.tsx';
import type { SectionRef } from '../../sections/index.ts';
import { FRONT_PAGE_LIMITS, type ChosenArticle, type Curation } from '../service.ts';

/** What the form shows in each slot: the saved curation, or what was typed when it was refused. */
export interface FrontPageForm {
  lead: string;
  pins: { article: string; expires: string }[];
  rows: { section: string; count: string }[];
}

const STATUS_WORDS: Record<ChosenArticle['status'], string> = {
  draft: 'a draft',
  scheduled: 'scheduled',
  published: 'published for a later time',
  unpublished: 'unpublished',
};

/** Why a chosen story is not on the public page, or undefined when it is. */
function hiddenBecause(article: ChosenArticle): string | undefined {
  if (article.isVisible) return undefined;
  return `“${article.title}” is ${STATUS_WORDS[article.status]}: the front page skips it until readers may see it.`;
}

/**
 * The newsroom's Front page screen ('frontpage.manage'): the lead, up to six pins with an optional
 * expiry (in the publication's time zone), and the section rows with how many stories each shows.
 * Works without script: slots are fixed, and their order is the page's order.
 */
export function FrontPageScreen(props: {
  chrome: AdminChrome;
  curation: Curation;
  form: FrontPageForm;
  recent: { slug: string; title: string }[];
  sections: SectionRef[];
  timezone: string;
  notice?: string;
  problem?: FormRefusal;
  /** Each pin's expiry as the screen shows it ("27 Nov 2026, 09:30"). */
  formatStamp: (iso: string) => string;
}) {
  const { chrome, curation, form, problem } = props;
  const fields = problem?.fields;
  const warnings = [
    ...(curation.lead ? [hiddenBecause(curation.lead)] : []),
    ...curation.pins.filter((p) => !p.isExpired).map(hiddenBecause),
  ].filter((w): w is string => w !== undefined);
  const expired = curation.pins.filter((p) => p.isExpired);
  const pinSlots = Math.max(FRONT_PAGE_LIMITS.pins, form.pins.length);
  // Two empty rows to add to, within the limit; a refused form shows every row it sent.
  const rowSlots = Math.max(Math.min(form.rows.length + 2, FRONT_PAGE_LIMITS.rows), 4, form.rows.length);
  const described = (name: string) => (fields?.[name] ? `error-${name}` : undefined);
  return (
    <AdminLayout chrome={chrome} title="Front page" current="front-page">
      <h1>Front page</h1>
      <Notice text={props.notice} />
      <FormErrors fields={fields} {...(problem?.message !== undefined && { message: problem.message })} />
      <p class="hint">
        {curation.updatedAt === null
          ? 'Nothing is curated: the front page shows the newest stories first.'
          : `Curated; last saved ${props.formatStamp(curation.updatedAt)}. Save an empty form to go back to newest first.`}{' '}
        Readers see a change at once. Later pages always list the newest stories first.
      </p>
      {(warnings.length > 0 || expired.length > 0) && (
        <section aria-labelledby="front-page-warnings">
          <h2 id="front-page-warnings">Not on the public page</h2>
          <ul>
            {warnings.map((w) => (
              <li>{w}</li>
            ))}
            {expired.map((p) => (
              <li>
                The pin on “{p.title}” expired {p.expiresAt && props.formatStamp(p.expiresAt)}; saving removes
                it.
              </li>
            ))}
          </ul>
        </section>
      )}
      <form method="post" action="/admin/front-page">
        <CsrfField token={chrome.csrfToken} />
        <datalist id="recent-stories">
          {props.recent.map((a) => (
            <option value={a.slug}>{a.title}</option>
          ))}
        </datalist>
        <fieldset>
          <legend>Lead story</legend>
          <label for="field-lead">
            Article (choose a recent story, or type its slug or id; empty for none)
          </label>
          <input
            id="field-lead"
            type="text"
            name="lead"
            list="recent-stories"
            maxlength={200}
            value={form.lead}
            aria-describedby={described('lead')}
          />
          <FieldError fields={fields} name="lead" />
        </fieldset>
        <fieldset>
          <legend>Pinned stories (up to {String(FRONT_PAGE_LIMITS.pins)}, in this order)</legend>
          <FieldError fields={fields} name="pins" />
          <p class="hint">
            An expiry is a date and time in {props.timezone}; the pin drops off by itself then. Leave it empty
            for a pin that stays.
          </p>
          {Array.from({ length: pinSlots }, (_, i) => {
            const n = i + 1;
            const pin = form.pins[i] ?? { article: '', expires: '' };
            return (
              <div class="front-slot">
                <label for={`field-pin-${n}-article`}>Pin {String(n)}: article</label>
                <input
                  id={`field-pin-${n}-article`}
                  type="text"
                  name={`pin-${n}-article`}
                  list="recent-stories"
                  maxlength={200}
                  value={pin.article}
                  aria-describedby={described(`pin-${n}-article`)}
                />
                <FieldError fields={fields} name={`pin-${n}-article`} />
                <label for={`field-pin-${n}-expires`}>Pin {String(n)}: expires (optional)</label>
                <input
                  id={`field-pin-${n}-expires`}
                  type="datetime-local"
                  name={`pin-${n}-expires`}
                  value={pin.expires}
                  aria-describedby={described(`pin-${n}-expires`)}
                />
                <FieldError fields={fields} name={`pin-${n}-expires`} />
              </div>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>Section rows (in this order, below the latest stories)</legend>
          <FieldError fields={fields} name="rows" />
          {Array.from({ length: rowSlots }, (_, i) => {
            const n = i + 1;
            const row = form.rows[i] ?? { section: '', count: '4' };
            return (
              <div class="front-slot">
                <label for={`field-row-${n}-section`}>Row {String(n)}: section</label>
                <select
                  id={`field-row-${n}-section`}
                  name={`row-${n}-section`}
                  aria-describedby={described(`row-${n}-section`)}
                >
                  <option value="" selected={row.section === ''}>
                    (no row)
                  </option>
                  {props.sections.map((s) => (
                    <option value={s.slug} selected={row.section === s.slug}>
                      {s.name}
                    </option>
                  ))}
                  {row.section !== '' && !props.sections.some((s) => s.slug === row.section) && (
                    <option value={row.section} selected>
                      {row.section} (unknown)
                    </option>
                  )}
                </select>
                <FieldError fields={fields} name={`row-${n}-section`} />
                <label for={`field-row-${n}-count`}>Row {String(n)}: stories shown</label>
                <input
                  id={`field-row-${n}-count`}
                  type="number"
                  name={`row-${n}-count`}
                  min={String(FRONT_PAGE_LIMITS.rowStories.min)}
                  max={String(FRONT_PAGE_LIMITS.rowStories.max)}
                  value={row.count}
                  aria-describedby={described(`row-${n}-count`)}
                />
                <FieldError fields={fields} name={`row-${n}-count`} />
              </div>
            );
          })}
        </fieldset>
        <button type="submit">Save front page</button>
      </form>
    </AdminLayout>
  );
}
