import { formatDate } from '../../../platform/render/html.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { PublicComment } from '../repository.ts';
import { COMMENT_LIMITS, type CommentFormValues } from '../schemas.ts';
import { CommentText } from './comment-text.tsx';

/** What the form shows: the reader's values and any errors, or a notice after posting. */
export interface CommentFormState {
  values: CommentFormValues;
  errors: FieldErrors;
  /** A message for the whole form, e.g. "comments are closed" or a flood refusal. */
  formError?: string;
  /** Shown above the form after a successful post. */
  notice?: string;
}

/** An empty form. */
export const emptyCommentForm: CommentFormState = {
  values: { comment: '', author: '', email: '', url: '', comment_parent: '' },
  errors: {},
};

interface Node {
  comment: PublicComment;
  children: Node[];
}

function thread(comments: PublicComment[]): Node[] {
  const nodes = new Map(comments.map((c) => [c.id, { comment: c, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.comment.parent_id === null ? undefined : nodes.get(node.comment.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function CommentItem({
  node,
  depth,
  maxDepth,
  timezone,
}: {
  node: Node;
  depth: number;
  maxDepth: number;
  timezone: string;
}) {
  const c = node.comment;
  // Replies below the deepest level are drawn at that level, as WordPress's block theme does.
  const nested = depth < maxDepth;
  return (
    <li id={`comment-${c.id}`} class="comment">
      <article>
        <footer class="meta">
          <strong class="comment-author">
            {c.author_url ? (
              <a href={c.author_url} rel="external nofollow ugc">
                {c.author_name}
              </a>
            ) : (
              c.author_name
            )}
          </strong>{' '}
          ·{' '}
          <a href={`#comment-${c.id}`}>
            <time datetime={c.created_at}>{formatDate(c.created_at, timezone)}</time>
          </a>
        </footer>
        <div class="comment-body">
          <CommentText body={c.body} />
        </div>
      </article>
      {nested && node.children.length > 0 && (
        <ol>
          {node.children.map((child) => (
            <CommentItem node={child} depth={depth + 1} maxDepth={maxDepth} timezone={timezone} />
          ))}
        </ol>
      )}
      {!nested &&
        node.children.map((child) => (
          <CommentItem node={child} depth={depth} maxDepth={maxDepth} timezone={timezone} />
        ))}
    </li>
  );
}

function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  const message = errors[name];
  return message ? (
    <p class="field-error" id={`${name}-error`}>
      {message}
    </p>
  ) : null;
}

function described(name: string, errors: FieldErrors) {
  return errors[name] ? { 'aria-describedby': `${name}-error`, 'aria-invalid': 'true' } : {};
}

/** The comment list and the "Leave a Reply" form of an article page. */
export function CommentsSection(props: {
  slug: string;
  comments: PublicComment[];
  isOpen: boolean;
  form: CommentFormState;
  maxDepth: number;
  timezone: string;
}) {
  const { comments, form } = props;
  const roots = thread(comments);
  const count = comments.length;
  const v = form.values;
  return (
    <section class="comments" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">
        {count === 0 ? 'No comments yet' : count === 1 ? '1 Comment' : `${count} Comments`}
      </h2>
      {roots.length > 0 && (
        <ol class="comment-list">
          {roots.map((node) => (
            <CommentItem node={node} depth={1} maxDepth={props.maxDepth} timezone={props.timezone} />
          ))}
        </ol>
      )}
      <div id="respond">
        <h2>Leave a Reply</h2>
        {form.notice && (
          <p class="notice" role="status">
            {form.notice}
          </p>
        )}
        {!props.isOpen ? (
          <p>Comments are closed.</p>
        ) : (
          <form class="comment-form" method="post" action={`/${props.slug}/comments`} novalidate>
            <p class="notice-small" id="comment-notes">
              Your email address will not be published. Required fields are marked{' '}
              <span class="required">*</span>
            </p>
            {form.formError && (
              <p class="form-error" role="alert">
                {form.formError}
              </p>
            )}
            {Object.keys(form.errors).length > 0 && !form.formError && (
              <p class="form-error" role="alert">
                Your comment was not posted. Please correct the fields marked below.
              </p>
            )}
            <label for="comment">
              Comment <span class="required">*</span>
            </label>
            <textarea
              id="comment"
              name="comment"
              rows={8}
              maxlength={COMMENT_LIMITS.comment}
              required
              {...described('comment', form.errors)}
            >
              {v.comment}
            </textarea>
            <FieldError name="comment" errors={form.errors} />
            <label for="author">
              Name <span class="required">*</span>
            </label>
            <input
              id="author"
              name="author"
              type="text"
              value={v.author}
              maxlength={COMMENT_LIMITS.author}
              autocomplete="name"
              required
              {...described('author', form.errors)}
            />
            <FieldError name="author" errors={form.errors} />
            <label for="email">
              Email <span class="required">*</span>
            </label>
            <input
              id="email"
              name="email"
              type="email"
              value={v.email}
              maxlength={COMMENT_LIMITS.email}
              autocomplete="email"
              required
              {...described('email', form.errors)}
            />
            <FieldError name="email" errors={form.errors} />
            <label for="url">Website</label>
            <input
              id="url"
              name="url"
              type="url"
              value={v.url}
              maxlength={COMMENT_LIMITS.url}
              autocomplete="url"
              {...described('url', form.errors)}
            />
            <FieldError name="url" errors={form.errors} />
            <input type="hidden" name="comment_parent" value={v.comment_parent || '0'} />
            <button type="submit">Post Comment</button>
          </form>
        )}
      </div>
    </section>
  );
}
