import { AdminLayout, Notice, type AdminChrome } from '../../../../platform/render/admin-layout.tsx';
import { formatStamp } from '../../local-time.ts';
import type { DeskItem } from '../../newsroom.ts';
import { SelectField, TextField } from './fields.tsx';

/** The list's filters, as the query string gave them. */
export interface DeskFilters {
  status: string;
  author: string;
  tag: string;
  q: string;
}

/** Props for the newsroom's article list. */
export interface ArticleListPageProps {
  chrome: AdminChrome;
  items: DeskItem[];
  filters: DeskFilters;
  page: number;
  hasNext: boolean;
  timeZone: string;
  authors: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
  notice?: string | undefined;
  /** Who else has each article open in the editor now, by article id. */
  editing?: ReadonlyMap<number, string[]> | undefined;
}

const statusOptions = [
  { value: '', label: 'Any status' },
  { value: 'draft', label: 'Draft' },
  { value: 'review', label: 'Ready for review' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'published', label: 'Published' },
  { value: 'unpublished', label: 'Unpublished' },
];

function pageUrl(filters: DeskFilters, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as [string, string][]) if (value) params.set(key, value);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/admin/articles${query ? `?${query}` : ''}`;
}

/** Every article of every status, filtered and searched, with what each person may open. */
export function ArticleListPage(props: ArticleListPageProps) {
  const { filters, items, timeZone } = props;
  return (
    <AdminLayout chrome={props.chrome} title="Articles" current="articles">
      <h1>Articles</h1>
      <Notice text={props.notice} />
      <p>
        <a class="button" href="/admin/articles/new">
          New article
        </a>{' '}
        <a
          href="/admin/articles?status=review"
          aria-current={filters.status === 'review' ? 'page' : undefined}
        >
          Ready for review
        </a>
      </p>
      {filters.status === 'review' && <h2>Ready for review</h2>}
      <form method="get" action="/admin/articles" class="filters" role="search">
        <TextField name="q" label="Search" type="search" value={filters.q} fields={undefined} />
        <SelectField name="status" label="Status" value={filters.status} options={statusOptions} />
        <SelectField
          name="author"
          label="Author"
          value={filters.author}
          options={[
            { value: '', label: 'Any author' },
            ...props.authors.map((a) => ({ value: a.slug, label: a.name })),
          ]}
        />
        <SelectField
          name="tag"
          label="Tag"
          value={filters.tag}
          options={[
            { value: '', label: 'Any tag' },
            ...props.tags.map((t) => ({ value: t.slug, label: t.name })),
          ]}
        />
        <button type="submit">Filter</button>
      </form>
      {items.length === 0 ? (
        <p>No articles match.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Editing now</th>
              <th scope="col">Authors</th>
              <th scope="col">Tags</th>
              <th scope="col">Publish time</th>
              <th scope="col">Last saved</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr data-article-id={String(item.id)}>
                <td>
                  {item.canEdit ? <a href={`/admin/articles/${item.id}/edit`}>{item.title}</a> : item.title}
                  {item.status === 'published' && (
                    <>
                      {' '}
                      · <a href={`/${item.slug}/`}>View</a>
                    </>
                  )}
                </td>
                <td>
                  <span class="status">{item.status}</span>
                  {item.isReadyForReview && (
                    <>
                      {' '}
                      <span class="status review">Ready for review</span>
                    </>
                  )}
                  {item.status === 'scheduled' && item.publishedAt && (
                    <>
                      {' '}
                      for <time datetime={item.publishedAt}>{formatStamp(item.publishedAt, timeZone)}</time>
                    </>
                  )}
                </td>
                <td class="editing">{(props.editing?.get(item.id) ?? []).join(', ')}</td>
                <td>{item.authors.map((a) => a.name).join(', ')}</td>
                <td>{item.tags.map((t) => t.name).join(', ')}</td>
                <td>
                  {item.publishedAt && (
                    <time datetime={item.publishedAt}>{formatStamp(item.publishedAt, timeZone)}</time>
                  )}
                </td>
                <td>
                  <time datetime={item.updatedAt}>{formatStamp(item.updatedAt, timeZone)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(props.page > 1 || props.hasNext) && (
        <nav aria-label="Pages" class="actions">
          {props.page > 1 && (
            <a href={pageUrl(filters, props.page - 1)} rel="prev">
              Newer
            </a>
          )}
          {props.hasNext && (
            <a href={pageUrl(filters, props.page + 1)} rel="next">
              Older
            </a>
          )}
        </nav>
      )}
    </AdminLayout>
  );
}
