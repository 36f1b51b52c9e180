// `dateline user …`: managing staff accounts from the command line, with the rules and audit lines
// of the users screen. The operator acts with the database's own rights, so the audit log names
// "dateline command" as the actor.
import type { Services } from './app.tsx';
import { UsageError, type Command, type Context } from './cli-command.ts';
import { AppError } from './platform/errors.ts';

/** The one EMAIL positional of a command, or a usage error. */
function emailOf(positionals: string[]): string {
  const [email] = positionals;
  if (positionals.length !== 1 || !email?.includes('@')) throw new UsageError('give one account’s email');
  return email;
}

/** Runs `fn` on the account with this email; an unknown email is an error that names it. */
function withUser<T>(
  ctx: Context,
  email: string,
  fn: (services: Services, userId: number) => Promise<T>,
): Promise<T> {
  return ctx.withServices(async (services) => {
    const user = await services.accounts.findUser(email);
    if (!user) throw new AppError('NOT_FOUND', { message: `no account has the email ${email}` });
    return fn(services, user.id);
  });
}

/** The `user` commands other than `user add`. */
export const userCommands: Record<string, Command> = {
  'user list': {
    usage: 'dateline user list [--json]',
    summary:
      'List the staff accounts: email, role, status (active, invited or disabled) and open sessions. --json for scripts; never password hashes.',
    options: { json: { type: 'boolean' } },
    async run(values, _positionals, ctx) {
      const users = await ctx.withServices((s) => s.accounts.listUsers());
      if (values.json) {
        ctx.out(JSON.stringify(users, null, 2));
        return;
      }
      for (const u of users)
        ctx.out(
          `${u.status.padEnd(8)} ${u.role.padEnd(11)} ${String(u.sessions).padStart(3)}  ${u.email} (${u.name})`,
        );
    },
  },
  'user disable': {
    usage: 'dateline user disable EMAIL',
    summary:
      'Disable an account: its sessions end at once and it cannot sign in until enabled again. The last admin who can sign in cannot be disabled.',
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      const email = emailOf(positionals);
      await withUser(ctx, email, (s, userId) =>
        s.accounts.setDisabled({ userId, disabled: true, actor: null }),
      );
      ctx.out(`Disabled ${email}; its sessions have ended.`);
    },
  },
  'user enable': {
    usage: 'dateline user enable EMAIL',
    summary: 'Enable a disabled account again: it can sign in with its password.',
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      const email = emailOf(positionals);
      await withUser(ctx, email, (s, userId) =>
        s.accounts.setDisabled({ userId, disabled: false, actor: null }),
      );
      ctx.out(`Enabled ${email}.`);
    },
  },
  'user role': {
    usage: 'dateline user role EMAIL contributor|author|editor|admin',
    summary:
      'Give an account another role; its open sessions have the new role from their next request. The last admin who can sign in keeps the admin role.',
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      if (positionals.length !== 2) throw new UsageError('give an email and a role');
      const [rawEmail, role] = positionals as [string, string];
      const email = emailOf([rawEmail]);
      const user = await withUser(ctx, email, (s, userId) =>
        s.accounts.changeRole({ userId, role, actor: null }),
      );
      ctx.out(`${email} is now ${user.role}.`);
    },
  },
  'user sign-out': {
    usage: 'dateline user sign-out EMAIL',
    summary: 'End every session of an account, in every browser (for a lost laptop).',
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      const email = emailOf(positionals);
      const ended = await withUser(ctx, email, (s, userId) =>
        s.accounts.endSessions({ userId, actor: null }),
      );
      ctx.out(`Ended ${ended} session${ended === 1 ? '' : 's'} of ${email}.`);
    },
  },
};
