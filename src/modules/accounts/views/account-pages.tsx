import {
  AdminLayout,
  CsrfField,
  FormErrors,
  Notice,
  type AdminChrome,
  FieldError,
} from '../../../platform/render/admin-layout.tsx';
import { MIN_PASSWORD_LENGTH } from '../password-rules.ts';
import type { UserSummary } from '../user-admin.ts';

type Fields = Record<string, string> | undefined;

/** The sign-in page. The email survives a failed attempt; the password never comes back. */
export function SignInPage(props: {
  siteTitle: string;
  email?: string;
  next?: string;
  message?: string;
  notice?: string;
}) {
  return (
    <AdminLayout chrome={undefined} title="Sign in">
      <h1>Sign in to {props.siteTitle}</h1>
      <Notice text={props.notice} />
      <FormErrors {...(props.message ? { message: props.message } : {})} />
      <form method="post" action="/admin/sign-in">
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <label for="field-email">Email</label>
        <input
          id="field-email"
          type="email"
          name="email"
          autocomplete="username"
          required
          value={props.email ?? ''}
        />
        <label for="field-password">Password</label>
        <input id="field-password" type="password" name="password" autocomplete="current-password" required />
        <div class="actions">
          <button type="submit">Sign in</button>
        </div>
      </form>
    </AdminLayout>
  );
}

/** A one-time link's page: the owner's first account, or an invited person's password. */
export function WelcomePage(props: {
  siteTitle: string;
  token: string;
  purpose: 'owner' | 'invitation';
  name?: string | null;
  email?: string | null;
  fields?: Fields;
}) {
  const isOwner = props.purpose === 'owner';
  return (
    <AdminLayout chrome={undefined} title={isOwner ? 'Create the owner account' : 'Choose your password'}>
      <h1>
        {isOwner
          ? `Create the owner account of ${props.siteTitle}`
          : `Welcome to ${props.siteTitle}, ${props.name ?? ''}`}
      </h1>
      <p>
        {isOwner
          ? 'This link works once. The account it creates is the publication’s first administrator.'
          : `Choose a password for ${props.email ?? 'your account'}. This link works once.`}
      </p>
      <FormErrors fields={props.fields} />
      <form method="post" action={`/admin/welcome/${props.token}`}>
        {isOwner && (
          <>
            <label for="field-name">Name</label>
            <input
              id="field-name"
              type="text"
              name="name"
              required
              maxlength={120}
              autocomplete="name"
              value={props.name ?? ''}
            />
            <FieldError fields={props.fields} name="name" />
            <label for="field-email">Email</label>
            <input
              id="field-email"
              type="email"
              name="email"
              required
              autocomplete="username"
              value={props.email ?? ''}
            />
            <FieldError fields={props.fields} name="email" />
          </>
        )}
        <label for="field-password">Password</label>
        <input
          id="field-password"
          type="password"
          name="password"
          required
          minlength={MIN_PASSWORD_LENGTH}
          autocomplete="new-password"
          aria-describedby="password-hint"
        />
        <p class="hint" id="password-hint">
          At least {MIN_PASSWORD_LENGTH} characters, and not one of the common passwords attackers try first.
          A few words you will remember make a good one.
        </p>
        <FieldError fields={props.fields} name="password" />
        <div class="actions">
          <button type="submit">{isOwner ? 'Create account' : 'Set password'}</button>
        </div>
      </form>
    </AdminLayout>
  );
}

/** Changing one's own password. */
export function PasswordPage(props: { chrome: AdminChrome; fields?: Fields; notice?: string }) {
  return (
    <AdminLayout chrome={props.chrome} title="Change your password" current="profile">
      <h1>Change your password</h1>
      <Notice text={props.notice} />
      <FormErrors fields={props.fields} />
      <form method="post" action="/admin/password">
        <CsrfField token={props.chrome.csrfToken} />
        <label for="field-current_password">Current password</label>
        <input
          id="field-current_password"
          type="password"
          name="current_password"
          required
          autocomplete="current-password"
        />
        <FieldError fields={props.fields} name="current_password" />
        <label for="field-new_password">New password</label>
        <input
          id="field-new_password"
          type="password"
          name="new_password"
          required
          minlength={MIN_PASSWORD_LENGTH}
          autocomplete="new-password"
          aria-describedby="new-password-hint"
        />
        <p class="hint" id="new-password-hint">
          At least {MIN_PASSWORD_LENGTH} characters, and not one of the common passwords attackers try first.
        </p>
        <FieldError fields={props.fields} name="new_password" />
        <div class="actions">
          <button type="submit">Change password</button>
        </div>
      </form>
    </AdminLayout>
  );
}

const ROLES = ['contributor', 'author', 'editor', 'admin'] as const;

const statusText = { active: 'Active', invited: 'Invited', disabled: 'Disabled' } as const;

/** One account's actions: its role, disabling or enabling it, and ending its sessions. */
function UserActions({ user, csrfToken }: { user: UserSummary; csrfToken: string }) {
  const base = `/admin/users/${user.id}`;
  return (
    <>
      <form method="post" action={`${base}/role`} class="inline">
        <CsrfField token={csrfToken} />
        <label for={`role-${user.id}`} class="sr-only">
          Role of {user.name}
        </label>
        <select id={`role-${user.id}`} name="role">
          {ROLES.map((role) => (
            <option value={role} selected={user.role === role}>
              {role}
            </option>
          ))}
        </select>
        <button type="submit">Change role</button>
      </form>
      <form
        method="post"
        action={`${base}/${user.status === 'disabled' ? 'enable' : 'disable'}`}
        class="inline"
      >
        <CsrfField token={csrfToken} />
        <button type="submit">{user.status === 'disabled' ? 'Enable' : 'Disable'}</button>
      </form>
      {user.sessions > 0 && (
        <form method="post" action={`${base}/sign-out`} class="inline">
          <CsrfField token={csrfToken} />
          <button type="submit">Sign out everywhere</button>
        </form>
      )}
    </>
  );
}

/** The users screen: everyone on staff, what an admin can do to each, and a form to invite someone. */
export function UsersPage(props: {
  chrome: AdminChrome;
  users: UserSummary[];
  fields?: Fields;
  values?: Record<string, string>;
  invitation?: string;
  notice?: string;
  /** Why an action on one account was refused. */
  problem?: string;
}) {
  const v = props.values ?? {};
  return (
    <AdminLayout chrome={props.chrome} title="Users" current="users">
      <h1>Users</h1>
      <Notice text={props.notice} />
      {props.problem && (
        <div class="form-errors" role="alert">
          <p>{props.problem}</p>
        </div>
      )}
      {props.invitation && (
        <p class="notice" role="status">
          Send this one-time link to the new member of staff: <code>{props.invitation}</code>
        </p>
      )}
      <table>
        <caption class="sr-only">Staff accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Signed in</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr>
              <td>{u.author_slug ? <a href={`/author/${u.author_slug}/`}>{u.name}</a> : u.name}</td>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>{statusText[u.status]}</td>
              <td>{u.sessions === 0 ? 'No' : u.sessions === 1 ? '1 browser' : `${u.sessions} browsers`}</td>
              <td>
                <UserActions user={u} csrfToken={props.chrome.csrfToken} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Invite someone</h2>
      <FormErrors fields={props.fields} />
      <form method="post" action="/admin/users">
        <CsrfField token={props.chrome.csrfToken} />
        <label for="field-name">Name</label>
        <input id="field-name" type="text" name="name" required maxlength={120} value={v.name ?? ''} />
        <FieldError fields={props.fields} name="name" />
        <label for="field-email">Email</label>
        <input id="field-email" type="email" name="email" required value={v.email ?? ''} />
        <FieldError fields={props.fields} name="email" />
        <label for="field-role">Role</label>
        <select id="field-role" name="role">
          {ROLES.map((role) => (
            <option value={role} selected={(v.role ?? 'contributor') === role}>
              {role}
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit">Invite</button>
        </div>
      </form>
    </AdminLayout>
  );
}
