import { formatDate } from '../../../platform/render/html.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { PublicComment } from '../repository.ts';
import { COMMENT_LIMITS, CONSENT_FIELD, HONEYPOT_FIELD, type CommentFormValues } from '../schemas.ts';
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
  values: { comment: '', author: '', email: '', url: '', comment_parent: '', consent: false, honeypot: '' },
  errors: {},
};

interface Node {
  comment: PublicComment;
  isPreview: boolean;
  children: Node[];
}

function thread(comments: PublicComment[], preview: PublicComment | undefined): Node[] {
  const all = preview ? [...comments, preview] : comments;
  const nodes = new Map(
    all.map((c) => [c.id, { comment: c, isPreview: c === preview, children: [] as Node[] }]),
  );
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.comment.parent_id === null ? undefined : nodes.get(node.comment.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** What every comment in a thread needs to know about its page. */
interface ThreadContext {
  slug: string;
  maxDepth: number;
  timezone: string;
  isOpen: boolean;
  staffAuthorIds: readonly number[];
}

function CommentItem({ node, depth, ctx }: { node: Node; depth: number; ctx: ThreadContext }) {
  const c = node.comment;
  // Replies below the deepest level are drawn at that level, as WordPress's block theme does.
  const nested = depth < ctx.maxDepth;
  // Only staff replies carry an author profile. One by a byline author says "Author"; one by any
  // other member of the newsroom says "Staff".
  const isStaff = c.author_id !== null;
  const isBylineAuthor = c.author_id !== null && ctx.staffAuthorIds.includes(c.author_id);
  const classes = [
    'comment',
    isStaff ? 'comment-by-staff' : '',
    isBylineAuthor ? 'comment-by-author' : '',
    node.isPreview ? 'comment-pending' : '',
  ]
    .filter(Boolean)
    .join(' ');
  // At the deepest level, replies follow as siblings: a list item cannot hold another without a list.
  const flattened = nested
    ? []
    : node.children.map((child) => <CommentItem node={child} depth={depth} ctx={ctx} />);
  return (
    <>
      <li id={`comment-${c.id}`} class={classes}>
        <article>
          <footer class="meta">
            <strong class="comment-author">
              {c.author_url && !node.isPreview ? (
                <a href={c.author_url} rel="external nofollow ugc">
                  {c.author_name}
                </a>
              ) : (
                c.author_name
              )}
            </strong>
            {isStaff && <span class="staff-badge">{isBylineAuthor ? 'Author' : 'Staff'}</span>} ·{' '}
            <a href={`#comment-${c.id}`}>
              <time datetime={c.created_at}>{formatDate(c.created_at, ctx.timezone)}</time>
            </a>
          </footer>
          {node.isPreview && (
            <p class="comment-awaiting-moderation" role="status">
              Your comment is awaiting moderation.
            </p>
          )}
          <div class="comment-body">
            <CommentText body={c.body} />
          </div>
          {ctx.isOpen && nested && !node.isPreview && (
            <p class="reply">
              <a
                href={`/${ctx.slug}/?replytocom=${c.id}#respond`}
                rel="nofollow"
                aria-label={`Reply to ${c.author_name}`}
              >
                Reply
              </a>
            </p>
          )}
        </article>
        {nested && node.children.length > 0 && (
          <ol>
            {node.children.map((child) => (
              <CommentItem node={child} depth={depth + 1} ctx={ctx} />
            ))}
          </ol>
        )}
      </li>
      {flattened}
    </>
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

/** One labelled input of the comment form, keeping what the reader typed and tied to its error. */
function TextField(props: {
  name: 'author' | 'email' | 'url';
  label: string;
  type: 'text' | 'email' | 'url';
  autocomplete: string;
  isRequired: boolean;
  form: CommentFormState;
}) {
  const { name, form } = props;
  return (
    <>
      <label for={name}>
        {props.label}
        {props.isRequired && (
          <>
            {' '}
            <span class="required">*</span>
          </>
        )}
      </label>
      <input
        id={name}
        name={name}
        // A typed address that is not a URL comes back in a text field: HTML forbids it on type=url.
        type={
          props.type === 'url' && form.values[name] && !URL.canParse(form.values[name]) ? 'text' : props.type
        }
        value={form.values[name]}
        maxlength={COMMENT_LIMITS[name]}
        autocomplete={props.autocomplete}
        required={props.isRequired}
        {...described(name, form.errors)}
      />
      <FieldError name={name} errors={form.errors} />
    </>
  );
}

/** The comment list and the "Leave a Reply" form of an article page. */
export function CommentsSection(props: {
  slug: string;
  comments: PublicComment[];
  isOpen: boolean;
  form: CommentFormState;
  maxDepth: number;
  timezone: string;
  /** The article's authors: their staff replies are marked. */
  staffAuthorIds: readonly number[];
  /** A held comment shown to its writer through the signed link. */
  preview?: PublicComment | undefined;
  /** The comment being replied to, from ?replytocom=. */
  replyTo?: PublicComment | undefined;
  /** The progressive-enhancement script that fills the form from the reader's saved cookies. */
  scriptPath: string;
}) {
  const { comments, form } = props;
  const roots = thread(comments, props.preview);
  const count = comments.length;
  const v = form.values;
  const parent = props.replyTo ? String(props.replyTo.id) : v.comment_parent;
  const ctx: ThreadContext = {
    slug: props.slug,
    maxDepth: props.maxDepth,
    timezone: props.timezone,
    isOpen: props.isOpen,
    staffAuthorIds: props.staffAuthorIds,
  };
  return (
    <section class="comments" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">
        {count === 0 ? 'No comments yet' : count === 1 ? '1 Comment' : `${count} Comments`}
      </h2>
      {roots.length > 0 && (
        <ol class="comment-list">
          {roots.map((node) => (
            <CommentItem node={node} depth={1} ctx={ctx} />
          ))}
        </ol>
      )}
      <div id="respond">
        <h2 id="reply-title">
          {props.replyTo ? `Leave a Reply to ${props.replyTo.author_name}` : 'Leave a Reply'}
          {props.replyTo && (
            <>
              {' '}
              <small>
                <a href={`/${props.slug}/#respond`}>Cancel reply</a>
              </small>
            </>
          )}
        </h2>
        {form.notice && (
          <p class="notice" role="status">
            {form.notice}
          </p>
        )}
        {!props.isOpen ? (
          <>
            {form.formError && (
              <p class="form-error" role="alert">
                {form.formError}
              </p>
            )}
            <p>Comments are closed.</p>
          </>
        ) : (
          <form class="comment-form" method="post" action={`/${props.slug}/comments#respond`} novalidate>
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
            <TextField name="author" label="Name" type="text" autocomplete="name" isRequired form={form} />
            <TextField name="email" label="Email" type="email" autocomplete="email" isRequired form={form} />
            <TextField
              name="url"
              label="Website"
              type="url"
              autocomplete="url"
              isRequired={false}
              form={form}
            />
            <div class="hp-field" aria-hidden="true">
              <label for={HONEYPOT_FIELD}>Leave this field empty</label>
              <input
                id={HONEYPOT_FIELD}
                name={HONEYPOT_FIELD}
                type="text"
                value=""
                tabindex={-1}
                autocomplete="off"
              />
            </div>
            <p class="consent">
              <input
                id={CONSENT_FIELD}
                name={CONSENT_FIELD}
                type="checkbox"
                value="yes"
                checked={v.consent}
              />{' '}
              <label for={CONSENT_FIELD}>
                Save my name, email, and website in this browser for the next time I comment.
              </label>
            </p>
            <input type="hidden" name="comment_parent" value={parent || '0'} />
            <button type="submit">Post Comment</button>
          </form>
        )}
      </div>
      {props.isOpen && <script src={props.scriptPath} defer />}
    </section>
  );
}
