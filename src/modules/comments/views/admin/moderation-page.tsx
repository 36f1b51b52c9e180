import type { CommentStatus } from '../../../../platform/db/schema.ts';
import {
  AdminLayout,
  CsrfField,
  Notice,
  type AdminChrome,
} from '../../../../platform/render/admin-layout.tsx';
import type { ModerationItem } from '../../service.ts';
import { CommentText } from '../comment-text.tsx';
import { formatWhen, queueUrl, type QueueView } from './queue-url.ts';

/** The queues, in the order the screen shows them, with their visible names. */
export const QUEUES: readonly { status: CommentStatus; name: string }[] = [
  { status: 'pending', name: 'Pending' },
  { status: 'approved', name: 'Approved' },
  { status: 'spam', name: 'Spam' },
  { status: 'trash', name: 'Trash' },
];

/** The moderation buttons, with their exact names, and the statuses each is offered for. */
const BUTTONS = [
  { action: 'approve', name: 'Approve', for: ['pending'] },
  { action: 'spam', name: 'Spam', for: ['pending', 'approved', 'trash'] },
  { action: 'trash', name: 'Trash', for: ['pending', 'approved', 'spam'] },
  { action: 'restore', name: 'Restore', for: ['spam', 'trash'] },
] as const satisfies readonly { action: string; name: string; for: readonly CommentStatus[] }[];

/** Props of the moderation screen. */
export interface ModerationPageProps {
  chrome: AdminChrome;
  view: QueueView;
  comments: ModerationItem[];
  counts: Record<CommentStatus, number>;
  total: number;
  perPage: number;
  timezone: string;
  notice?: string;
}

function QueueNav({ view, counts }: Pick<ModerationPageProps, 'view' | 'counts'>) {
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <nav aria-label="Comment queues">
      <ul class="queues">
        {view.email !== undefined && (
          <li>
            <a
              href={queueUrl({ email: view.email })}
              aria-current={view.status === undefined ? 'page' : undefined}
            >
              All ({all})
            </a>
          </li>
        )}
        {QUEUES.map((q) => (
          <li>
            <a
              href={queueUrl({ status: q.status, ...(view.email !== undefined && { email: view.email }) })}
              aria-current={view.status === q.status ? 'page' : undefined}
            >
              {q.name} ({counts[q.status]})
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Pages({ view, total, perPage }: Pick<ModerationPageProps, 'view' | 'total' | 'perPage'>) {
  const last = Math.max(1, Math.ceil(total / perPage));
  if (last === 1) return null;
  return (
    <nav aria-label="Pages" class="actions">
      {view.page > 1 && (
        <a href={queueUrl({ ...view, page: view.page - 1 })} rel="prev">
          Newer comments
        </a>
      )}
      <span>
        Page {view.page} of {last}
      </span>
      {view.page < last && (
        <a href={queueUrl({ ...view, page: view.page + 1 })} rel="next">
          Older comments
        </a>
      )}
    </nav>
  );
}

function CommentRow({ c, timezone }: { c: ModerationItem; timezone: string }) {
  const statusName = QUEUES.find((q) => q.status === c.status)?.name ?? c.status;
  const by = c.author_name || 'Anonymous';
  return (
    <li>
      <article id={`comment-${c.id}`} aria-labelledby={`comment-${c.id}-by`}>
        <label for={`select-${c.id}`}>
          <input type="checkbox" id={`select-${c.id}`} name="ids" value={String(c.id)} /> Select{' '}
          <span class="sr-only">the comment by {by}</span>
        </label>
        <p>
          <strong id={`comment-${c.id}-by`}>{by}</strong>
          {c.author_email !== '' ? (
            <>
              {' · '}
              <a
                href={queueUrl({ email: c.author_email })}
                title="Every comment from this email"
                class="comment-email"
              >
                {c.author_email}
              </a>
            </>
          ) : (
            c.author_id !== null && ' · staff reply'
          )}
          {c.author_url && (
            <>
              {' · '}
              <a href={c.author_url} rel="nofollow ugc noopener">
                {c.author_url}
              </a>
            </>
          )}{' '}
          · <span class="status">{statusName}</span>
        </p>
        <p class="hint">
          On <a href={`/${c.article_slug}/`}>{c.article_title}</a> ·{' '}
          <time datetime={c.created_at}>{formatWhen(c.created_at, timezone)}</time>
          {c.parent_id !== null && <> · in reply to comment {c.parent_id}</>}
        </p>
        <div class="comment-text">
          <CommentText body={c.body} />
        </div>
        <div class="actions">
          {BUTTONS.filter((b) => (b.for as readonly string[]).includes(c.status)).map((b) => (
            <button
              type="submit"
              class={b.action === 'approve' ? undefined : 'secondary'}
              formaction={`/admin/comments/${c.id}/${b.action}`}
            >
              {b.name}
            </button>
          ))}
          <a href={`/admin/comments/${c.id}/edit`}>Edit</a>
          <a href={`/admin/comments/${c.id}/edit#reply`}>Reply</a>
        </div>
      </article>
    </li>
  );
}

/**
 * The moderation screen. One form holds the whole page: each comment's buttons post to that
 * comment's own action (formaction), and the bulk action posts every ticked box, so that both work
 * without script and the "select all" box reaches every comment.
 */
export function ModerationPage(props: ModerationPageProps) {
  const { chrome, view } = props;
  const heading =
    view.email !== undefined
      ? `Comments from ${view.email}`
      : `${QUEUES.find((q) => q.status === view.status)?.name ?? 'All'} comments`;
  return (
    <AdminLayout chrome={chrome} title={heading} current="comments">
      <h1>{heading}</h1>
      <Notice text={props.notice} />
      {view.email !== undefined && (
        <p>
          Every comment sent with this email, in every queue. <a href="/admin/comments">Show all comments</a>
        </p>
      )}
      {chrome.sections.settings && (
        <p>
          <a href="/admin/settings#comment-rules">Comment rules</a>: when comments are held, marked as spam or
          closed.
        </p>
      )}
      <QueueNav view={view} counts={props.counts} />
      {props.comments.length === 0 ? (
        <p>No comments here.</p>
      ) : (
        <form method="post" action="/admin/comments/bulk">
          <CsrfField token={chrome.csrfToken} />
          <input type="hidden" name="queue" value={view.status ?? ''} />
          <input type="hidden" name="page" value={String(view.page)} />
          {view.email !== undefined && <input type="hidden" name="email" value={view.email} />}
          <div class="filters">
            <label for="select-all">
              <input type="checkbox" id="select-all" data-select-all="ids" /> Select all on this page
            </label>
            <div>
              <label for="bulk-action">Bulk action</label>
              <select id="bulk-action" name="action">
                <option value="">Choose an action</option>
                {BUTTONS.map((b) => (
                  <option value={b.action}>{b.name}</option>
                ))}
              </select>
            </div>
            <button type="submit" class="secondary">
              Apply to selected
            </button>
          </div>
          <ol class="comment-queue">
            {props.comments.map((c) => (
              <CommentRow c={c} timezone={props.timezone} />
            ))}
          </ol>
        </form>
      )}
      <Pages view={view} total={props.total} perPage={props.perPage} />
    </AdminLayout>
  );
}
