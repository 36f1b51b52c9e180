import type { FormRefusal } from '../../../platform/http/form-refusal.ts';
import {
  AdminLayout,
  CsrfField,
  FieldError,
  FormErrors,
  Notice,
  type AdminChrome,
} from '../../../platform/render/admin-layout.tsx';
import type { DeskItem, DeskStory } from '../desk.ts';
import type { WireSource } from '../service.ts';

/** Everything from a feed is shown as text: hono/jsx escapes it. A link goes out only to http(s). */
function isWebAddress(url: string | null): url is string {
  return url !== null && /^https?:\/\//i.test(url);
}

function When({ iso }: { iso: string | null }) {
  if (!iso) return <>never</>;
  return <time datetime={iso}>{iso.slice(0, 16).replace('T', ' ')} UTC</time>;
}

function Drafted({ item }: { item: DeskItem }) {
  if (!item.draft) return null;
  return (
    <p class="wire-drafted">
      Drafted as <a href={`/admin/articles/${item.draft.id}/edit`}>{item.draft.title}</a>
    </p>
  );
}

function ItemLine(props: {
  item: DeskItem;
  chrome: AdminChrome;
  canManage: boolean;
  isCopy: boolean;
  canSplit: boolean;
}) {
  const { item, chrome } = props;
  return (
    <>
      <p class="wire-item-head">
        <strong>{item.title}</strong> <span class="wire-outlet">{item.sourceName}</span>,{' '}
        <When iso={item.publishedAt} />
        {isWebAddress(item.url) && (
          <>
            {' '}
            <a href={item.url} rel="noopener noreferrer nofollow" referrerpolicy="no-referrer">
              original
            </a>
          </>
        )}
      </p>
      {item.summary !== '' && <p class="wire-summary">{item.summary}</p>}
      <Drafted item={item} />
      <div class="wire-actions">
        {!item.draft && (
          <form method="post" action={`/admin/wire/items/${item.id}/draft`}>
            <CsrfField token={chrome.csrfToken} />
            <button type="submit">Start a draft</button>
          </form>
        )}
        {props.canManage && props.isCopy && (
          <form method="post" action={`/admin/wire/items/${item.id}/detach`}>
            <CsrfField token={chrome.csrfToken} />
            <button type="submit">Not a copy</button>
          </form>
        )}
        {props.canManage && props.canSplit && (
          <form method="post" action={`/admin/wire/items/${item.id}/split`}>
            <CsrfField token={chrome.csrfToken} />
            <button type="submit">Another story</button>
          </form>
        )}
      </div>
    </>
  );
}

function Story(props: { story: DeskStory; chrome: AdminChrome; canManage: boolean; problem?: FormRefusal }) {
  const { story, chrome, canManage } = props;
  // Outlets in the order they reported: who had it first comes first.
  const outlets = [
    ...new Set(
      story.items
        .flatMap((i) => [i, ...i.copies])
        .sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : 0))
        .map((i) => i.sourceName),
    ),
  ];
  const count = story.items.reduce((n, i) => n + 1 + i.copies.length, 0);
  const drafted = story.items.some((i) => i.draft || i.copies.some((c) => c.draft));
  const mergeForm = `merge-${story.id}`;
  const fields = props.problem?.form === mergeForm ? props.problem.fields : undefined;
  return (
    <li class="wire-story" id={`story-${story.id}`}>
      <h3>
        Story {String(story.id)}: {story.items[0]?.title ?? ''}
      </h3>
      <p class="wire-story-meta">
        {outlets.join(', ')} · {String(count)} report{count === 1 ? '' : 's'} · latest{' '}
        <When iso={story.latestAt} />
      </p>
      <ul class="wire-items">
        {story.items.map((item) => (
          <li class="wire-item">
            <ItemLine item={item} chrome={chrome} canManage={canManage} isCopy={false} canSplit={count > 1} />
            {item.copies.length > 0 && (
              <details class="wire-copies">
                <summary>
                  {String(item.copies.length)} cop{item.copies.length === 1 ? 'y' : 'ies'} of this report
                </summary>
                <ul>
                  {item.copies.map((copy) => (
                    <li class="wire-item wire-copy">
                      <ItemLine
                        item={copy}
                        chrome={chrome}
                        canManage={canManage}
                        isCopy={true}
                        canSplit={true}
                      />
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ul>
      <div class="wire-actions">
        {!drafted && count > 1 && (
          <form method="post" action={`/admin/wire/stories/${story.id}/draft`}>
            <CsrfField token={chrome.csrfToken} />
            <button type="submit">Start a draft from this story</button>
          </form>
        )}
        {canManage && (
          <form method="post" action={`/admin/wire/stories/${story.id}/merge`} class="wire-merge">
            <CsrfField token={chrome.csrfToken} />
            <label for={`field-${mergeForm}`}>Merge into story number</label>
            <input
              id={`field-${mergeForm}`}
              name="into"
              inputmode="numeric"
              pattern="[0-9]+"
              maxlength={12}
              required
              value={props.problem?.form === mergeForm ? (props.problem.values.into ?? '') : ''}
            />
            <FieldError fields={fields} name="into" />
            <button type="submit">Merge</button>
          </form>
        )}
      </div>
    </li>
  );
}

/**
 * The wire desk ('wire.read'): stories newest first with their outlets and times, copies folded under
 * the report they copy, filters by source and words (a GET form), feed health, and for editors
 * ('wire.manage') the add-a-source form, "Fetch now" and the grouping corrections. Works without script.
 */
export function WireDeskPage(props: {
  chrome: AdminChrome;
  stories: DeskStory[];
  sources: WireSource[];
  filter: { sourceId?: number; words: string };
  canManage: boolean;
  notice?: string;
  problem?: FormRefusal;
}) {
  const { chrome, stories, sources, filter, canManage, problem } = props;
  const typed = (field: string, fallback: string) =>
    problem?.form === 'add' ? (problem.values[field] ?? fallback) : fallback;
  const addFields = problem?.form === 'add' ? problem.fields : undefined;
  const isFiltered = filter.sourceId !== undefined || filter.words !== '';
  return (
    <AdminLayout chrome={chrome} title="Wire" current="wire">
      <h1>Wire</h1>
      <p class="hint">
        What the outlets the newsroom follows have published, each story once. Nothing here reaches readers
        until someone writes and publishes a story of our own.
      </p>
      <Notice text={props.notice} />
      <FormErrors
        fields={problem?.fields}
        {...(problem?.message !== undefined && { message: problem.message })}
      />

      <form method="get" action="/admin/wire" class="wire-filter" role="search" aria-label="Filter the wire">
        <label for="filter-source">Source</label>
        <select id="filter-source" name="source">
          <option value="">Every source</option>
          {sources.map((s) => (
            <option value={String(s.id)} selected={filter.sourceId === s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <label for="filter-words">Words</label>
        <input id="filter-words" name="q" type="search" maxlength={200} value={filter.words} />
        <button type="submit">Filter</button>
        {isFiltered && <a href="/admin/wire">Show everything</a>}
      </form>

      <section aria-labelledby="wire-stories">
        <h2 id="wire-stories">Stories</h2>
        {stories.length === 0 ? (
          <p>{isFiltered ? 'No story matches.' : 'No stories yet: add a source, then fetch it.'}</p>
        ) : (
          <ol class="wire-stories">
            {stories.map((story) => (
              <Story story={story} chrome={chrome} canManage={canManage} {...(problem && { problem })} />
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="wire-health">
        <h2 id="wire-health">Sources and feed health</h2>
        {sources.length === 0 ? (
          <p>The desk follows no sources yet.</p>
        ) : (
          <table class="wire-sources">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Terms</th>
                <th scope="col">Status</th>
                <th scope="col">Last error</th>
                <th scope="col">Last fetched</th>
                <th scope="col">Next fetch</th>
                <th scope="col">Items</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr>
                  <th scope="row">{s.name}</th>
                  <td>{s.terms}</td>
                  <td>{s.status}</td>
                  <td>{s.lastError ?? '–'}</td>
                  <td>
                    <When iso={s.lastFetchedAt} />
                  </td>
                  <td>{s.status === 'disabled' ? 'never' : <When iso={s.nextFetchAt} />}</td>
                  <td>{String(s.itemCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canManage && sources.length > 0 && (
          <form method="post" action="/admin/wire/fetch">
            <CsrfField token={chrome.csrfToken} />
            <button type="submit">Fetch now</button>
          </form>
        )}
      </section>

      {canManage && (
        <section aria-labelledby="add-source">
          <h2 id="add-source">Add a source</h2>
          <form method="post" action="/admin/wire/sources">
            <CsrfField token={chrome.csrfToken} />
            <label for="field-name">Name</label>
            <input id="field-name" name="name" maxlength={200} required value={typed('name', '')} />
            <FieldError fields={addFields} name="name" />
            <label for="field-url">Feed address (RSS, Atom or JSON Feed)</label>
            <input id="field-url" name="url" type="url" maxlength={2000} required value={typed('url', '')} />
            <FieldError fields={addFields} name="url" />
            <label for="field-home_url">Home page</label>
            <input
              id="field-home_url"
              name="home_url"
              type="url"
              maxlength={2000}
              value={typed('home_url', '')}
            />
            <FieldError fields={addFields} name="home_url" />
            <label for="field-terms">Terms</label>
            <select id="field-terms" name="terms">
              <option value="link" selected={typed('terms', 'link') === 'link'}>
                link: a draft carries a summary and a link
              </option>
              <option value="republish" selected={typed('terms', 'link') === 'republish'}>
                republish: the outlet allows its text to be reused
              </option>
            </select>
            <FieldError fields={addFields} name="terms" />
            <button type="submit">Add source</button>
          </form>
        </section>
      )}
    </AdminLayout>
  );
}
