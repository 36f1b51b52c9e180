import {
  AdminLayout,
  CsrfField,
  FormErrors,
  type AdminChrome,
  FieldError,
} from '../../../../platform/render/admin-layout.tsx';
import { COMMENT_LIMITS } from '../../schemas.ts';
import type { CommentEditValues, ModerationItem } from '../../service.ts';
import { QUEUES } from './moderation-page.tsx';
import { formatWhen, queueUrl } from './queue-url.ts';

type Fields = Record<string, string> | undefined;

/** Props of the screen that edits one comment and replies to it. */
export interface EditCommentPageProps {
  chrome: AdminChrome;
  comment: ModerationItem;
  timezone: string;
  /** What the form shows: the stored comment, or what the moderator typed. */
  values: CommentEditValues;
  fields?: Fields;
  /** The reply being written, kept when it was refused. */
  reply?: string;
  replyFields?: Fields;
  /** Whether the signed-in person has an author profile to reply as. */
  canReply: boolean;
}

const described = (fields: Fields, name: string) => (fields?.[name] ? `error-${name}` : undefined);

/** Edits a comment's name, email, website and text, and offers a staff reply below. */
export function EditCommentPage(props: EditCommentPageProps) {
  const { chrome, comment: c, values, fields } = props;
  const statusName = QUEUES.find((q) => q.status === c.status)?.name ?? c.status;
  return (
    <AdminLayout chrome={chrome} title={`Edit comment by ${c.author_name}`} current="comments">
      <h1>Edit comment by {c.author_name}</h1>
      <p>
        On <a href={`/${c.article_slug}/`}>{c.article_title}</a>, sent{' '}
        <time datetime={c.created_at}>{formatWhen(c.created_at, props.timezone)}</time>. Status:{' '}
        <span class="status">{statusName}</span>.{' '}
        <a href={queueUrl({ status: c.status })}>Back to {statusName.toLowerCase()} comments</a>
      </p>
      <FormErrors fields={fields} />
      <form method="post" action={`/admin/comments/${c.id}/edit`}>
        <CsrfField token={chrome.csrfToken} />
        <label for="field-author">Name</label>
        <input
          id="field-author"
          type="text"
          name="author"
          required
          maxlength={COMMENT_LIMITS.author}
          value={values.author}
          aria-describedby={described(fields, 'author')}
        />
        <FieldError fields={fields} name="author" />
        <label for="field-email">Email</label>
        <input
          id="field-email"
          type="email"
          name="email"
          maxlength={COMMENT_LIMITS.email}
          value={values.email}
          aria-describedby={`hint-email${fields?.email ? ' error-email' : ''}`}
        />
        <p class="hint" id="hint-email">
          Never shown to readers.
        </p>
        <FieldError fields={fields} name="email" />
        <label for="field-url">Website</label>
        <input
          id="field-url"
          type="url"
          name="url"
          maxlength={COMMENT_LIMITS.url}
          value={values.url}
          aria-describedby={described(fields, 'url')}
        />
        <FieldError fields={fields} name="url" />
        <label for="field-comment">Comment</label>
        <textarea
          id="field-comment"
          name="comment"
          required
          maxlength={COMMENT_LIMITS.comment}
          aria-describedby={described(fields, 'comment')}
        >
          {values.comment}
        </textarea>
        <FieldError fields={fields} name="comment" />
        <div class="actions">
          <button type="submit">Save comment</button>
        </div>
      </form>

      <h2 id="reply">Reply as staff</h2>
      {props.canReply ? (
        <form method="post" action={`/admin/comments/${c.id}/reply`}>
          <CsrfField token={chrome.csrfToken} />
          <input type="hidden" name="queue" value={c.status} />
          <FormErrors fields={props.replyFields} />
          <label for="field-body">Reply</label>
          <textarea
            id="field-body"
            name="body"
            required
            maxlength={COMMENT_LIMITS.comment}
            aria-describedby="hint-body"
          >
            {props.reply ?? ''}
          </textarea>
          <p class="hint" id="hint-body">
            Published at once under your author profile and marked as staff on the article.
            {c.status !== 'approved' && ' Replying approves this comment too.'}
          </p>
          <div class="actions">
            <button type="submit">Post reply</button>
          </div>
        </form>
      ) : (
        <p>Your account has no author profile to reply as. An administrator can give it one.</p>
      )}
    </AdminLayout>
  );
}
