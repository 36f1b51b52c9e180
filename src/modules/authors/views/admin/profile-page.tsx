import {
  AdminLayout,
  CsrfField,
  FormErrors,
  Notice,
  type AdminChrome,
  FieldError,
} from '../../../../platform/render/admin-layout.tsx';
import type { AuthorListing, PublicAuthor } from '../../repository.ts';
import { Avatar } from '../../../../platform/render/avatar.tsx';
import { authorPath } from '../../paths.ts';

type Fields = Record<string, string> | undefined;

/** What the form shows: the saved profile, or what was typed when it came back with problems. */
export interface ProfileFormValues {
  name: string;
  slug: string;
  bio: string;
  website: string;
  avatar_url: string;
  /** The admin's "public profile" switch. */
  is_public: boolean;
}

/** The saved profile as form values. */
export function formValuesOf(author: PublicAuthor, isPublic: boolean): ProfileFormValues {
  return {
    is_public: isPublic,
    name: author.name,
    slug: author.slug,
    bio: author.bio,
    website: author.website ?? '',
    avatar_url: author.avatar_url ?? '',
  };
}

/**
 * An author profile's form: one's own at /admin/profile, anyone's for an admin at
 * /admin/authors/:id/edit. It posts as multipart so that a picture can come with it; without a
 * file it is an ordinary form, and it works without script either way.
 */
export function ProfilePage(props: {
  chrome: AdminChrome;
  author: PublicAuthor;
  values: ProfileFormValues;
  action: string;
  isOwn: boolean;
  canUpload: boolean;
  /** Admins may make a profile public before it has a published article. */
  canMakePublic: boolean;
  fields?: Fields;
  message?: string;
  notice?: string;
}) {
  const v = props.values;
  const described = (name: string, hint?: string) =>
    [hint, props.fields?.[name] ? `error-${name}` : undefined].filter(Boolean).join(' ') || undefined;
  const title = props.isOwn ? 'Your author profile' : `Author profile: ${props.author.name}`;
  return (
    <AdminLayout chrome={props.chrome} title={title} {...(props.isOwn && { current: 'profile' as const })}>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <FormErrors fields={props.fields} {...(props.message !== undefined && { message: props.message })} />
      <p>
        <Avatar author={props.author} /> Readers see this profile at{' '}
        <a href={authorPath(props.author)}>{authorPath(props.author)}</a>.
      </p>
      <form method="post" action={props.action} enctype="multipart/form-data">
        <CsrfField token={props.chrome.csrfToken} />
        <label for="field-name">Name</label>
        <input
          id="field-name"
          type="text"
          name="name"
          required
          maxlength={120}
          value={v.name}
          aria-describedby={described('name')}
        />
        <FieldError fields={props.fields} name="name" />
        <label for="field-slug">Slug</label>
        <input
          id="field-slug"
          type="text"
          name="slug"
          maxlength={120}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          value={v.slug}
          aria-describedby={described('slug', 'slug-hint')}
        />
        <p class="hint" id="slug-hint">
          The author page’s address: /author/<em>slug</em>/. Lowercase letters, digits and hyphens.
        </p>
        <FieldError fields={props.fields} name="slug" />
        <label for="field-bio">Bio</label>
        <textarea id="field-bio" name="bio" rows={5} maxlength={2000} aria-describedby={described('bio')}>
          {v.bio}
        </textarea>
        <FieldError fields={props.fields} name="bio" />
        <label for="field-website">Website</label>
        <input
          id="field-website"
          type="url"
          name="website"
          maxlength={500}
          placeholder="https://"
          value={v.website}
          aria-describedby={described('website')}
        />
        <FieldError fields={props.fields} name="website" />
        <fieldset>
          <legend>Avatar</legend>
          {props.canUpload && (
            <>
              <label for="field-avatar">Avatar image</label>
              <input
                id="field-avatar"
                type="file"
                name="avatar"
                accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
                aria-describedby={described('avatar', 'avatar-hint')}
              />
              <p class="hint" id="avatar-hint">
                A square picture works best. It replaces the address below.
              </p>
              <FieldError fields={props.fields} name="avatar" />
            </>
          )}
          <label for="field-avatar_url">Avatar URL</label>
          <input
            id="field-avatar_url"
            type="text"
            inputmode="url"
            name="avatar_url"
            maxlength={500}
            value={v.avatar_url}
            aria-describedby={described('avatar_url', 'avatar-url-hint')}
          />
          <p class="hint" id="avatar-url-hint">
            The address of a picture (https://…). Leave it empty for initials.
          </p>
          <FieldError fields={props.fields} name="avatar_url" />
        </fieldset>
        {props.canMakePublic && (
          <fieldset>
            <legend>Public profile</legend>
            <input type="hidden" name="is_public_shown" value="1" />
            <input
              id="field-is_public"
              type="checkbox"
              name="is_public"
              value="1"
              checked={v.is_public}
              aria-describedby="is-public-hint"
            />{' '}
            <label for="field-is_public">Show this author’s page to readers now</label>
            <p class="hint" id="is-public-hint">
              Without this, the author’s page, feed and API entry appear only once they have a published
              article.
            </p>
          </fieldset>
        )}
        <div class="actions">
          <button type="submit">Save profile</button>
        </div>
      </form>
      <ul>
        {props.isOwn && (
          <li>
            <a href="/admin/password">Change your password</a>
          </li>
        )}
        {props.canUpload && (
          <li>
            <a href="/admin/uploads">Image library</a>
          </li>
        )}
        {props.chrome.sections.users && (
          <li>
            <a href="/admin/authors">All author profiles</a>
          </li>
        )}
      </ul>
    </AdminLayout>
  );
}

/** Every author profile, for admins, with the account that writes as each. */
export function AuthorsPage(props: { chrome: AdminChrome; authors: AuthorListing[] }) {
  return (
    <AdminLayout chrome={props.chrome} title="Authors">
      <h1>Authors</h1>
      <table>
        <caption class="sr-only">Author profiles</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Slug</th>
            <th scope="col">Staff account</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.authors.map((a) => (
            <tr>
              <td>
                <a href={authorPath(a)}>{a.name}</a>
              </td>
              <td>{a.slug}</td>
              <td>{a.account_name ? `${a.account_name} (${a.account_role ?? ''})` : 'None'}</td>
              <td>
                <a href={`/admin/authors/${a.id}/edit`} aria-label={`Edit ${a.name}`}>
                  Edit
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
