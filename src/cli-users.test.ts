import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from './app.tsx';
import { runCli } from './cli.ts';
import { loadConfig } from './config.ts';
import { openMigratedDatabase, startServer } from './server.tsx';
import { TEST_PASSWORD_COST } from '../test/build-test-app.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../test/databases.ts';

describe.each(DIALECTS)('dateline user add on %s', (dialect) => {
  let database: TestDatabase;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) =>
    runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      database,
      env: { DATABASE_URL: 'sqlite::memory:', PUBLIC_URL: 'https://news.example' },
    });

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await database.reset();
    out = [];
    err = [];
  });

  it('prints a one-time invitation link when no password is given', async () => {
    expect(
      await run('user', 'add', '--email', 'Ines@Example.com', '--name', 'Ines Varga', '--role', 'editor'),
    ).toBe(0);
    expect(out.join('\n')).toMatch(/^https:\/\/news\.example\/admin\/welcome\/[\w-]{40,}$/m);
    const services = await createServices({ database });
    const [user] = await services.accounts.listUsers();
    expect(user).toMatchObject({
      email: 'ines@example.com',
      name: 'Ines Varga',
      role: 'editor',
      has_password: expect.anything() as unknown,
    });
    expect(Boolean(Number(user!.has_password))).toBe(false);
  });

  it('sets the password when one is given, so that the person can sign in at once', async () => {
    expect(
      await run(
        'user',
        'add',
        '--email',
        'kit@example.com',
        '--name',
        'Kit',
        '--role',
        'author',
        '--password',
        'ten or more chars',
      ),
    ).toBe(0);
    expect(out.join('\n')).toContain('https://news.example/admin/sign-in');
    const services = await createServices({ database });
    const session = await services.accounts.signIn({
      email: 'kit@example.com',
      password: 'ten or more chars',
      ip: '127.0.0.1',
    });
    expect(session.token.length).toBeGreaterThan(20);
  });

  it('refuses a bad role, a short password and a taken email, naming the field', async () => {
    expect(await run('user', 'add', '--email', 'a@example.com', '--name', 'A', '--role', 'owner')).toBe(1);
    expect(err.join('\n')).toMatch(/role/);
    expect(
      await run(
        'user',
        'add',
        '--email',
        'a@example.com',
        '--name',
        'A',
        '--role',
        'admin',
        '--password',
        'short',
      ),
    ).toBe(1);
    expect(err.join('\n')).toMatch(/password/);
    expect(await run('user', 'add', '--email', 'a@example.com', '--name', 'A', '--role', 'admin')).toBe(0);
    expect(await run('user', 'add', '--email', 'A@example.com', '--name', 'A2', '--role', 'admin')).toBe(1);
    expect(err.join('\n')).toMatch(/email/);
    expect(await run('user', 'add', '--name', 'No Email', '--role', 'admin')).toBe(2);
  });
});

describe.each(DIALECTS)('dateline user list, disable, enable, role and sign-out on %s', (dialect) => {
  let database: TestDatabase;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) =>
    runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      database,
      env: { DATABASE_URL: 'sqlite::memory:', PUBLIC_URL: 'https://news.example' },
    });

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await database.reset();
    out = [];
    err = [];
  });

  const password = 'a newsroom password';
  async function staff() {
    const services = await createServices({ database, passwordCost: TEST_PASSWORD_COST });
    const { accounts } = services;
    await accounts.addUser({ email: 'boss@example.com', name: 'Boss', role: 'admin', password });
    await accounts.addUser({ email: 'kit@example.com', name: 'Kit', role: 'author', password });
    await accounts.addUser({ email: 'new@example.com', name: 'New', role: 'contributor' });
    const session = await accounts.signIn({ email: 'kit@example.com', password, ip: '127.0.0.1' });
    return { accounts, session };
  }
  const auditActions = async () =>
    (
      await database.db.selectFrom('audit_log').select(['action', 'user_name']).orderBy('id').execute()
    ).filter((a) => a.action !== 'user.add');

  it('lists the accounts as JSON, with status and sessions and never a hash', async () => {
    await staff();
    expect(await run('user', 'list', '--json')).toBe(0);
    const text = out.join('\n');
    expect(text).not.toContain('scrypt');
    const users = JSON.parse(text) as Record<string, unknown>[];
    expect(users.map((u) => [u.email, u.role, u.status, u.sessions])).toEqual([
      ['boss@example.com', 'admin', 'active', 0],
      ['kit@example.com', 'author', 'active', 1],
      ['new@example.com', 'contributor', 'invited', 0],
    ]);
    for (const u of users) expect(Object.keys(u)).not.toContain('password_hash');
    out = [];
    expect(await run('user', 'list')).toBe(0);
    expect(out.join('\n')).toMatch(/invited\s+contributor\s+0\s+new@example\.com/);
  });

  it('disables an account, ending its sessions, and enables it again, each with an audit line', async () => {
    const { accounts, session } = await staff();
    expect(await run('user', 'disable', 'Kit@Example.com')).toBe(0);
    expect(await accounts.session(session.token)).toBeUndefined();
    await expect(
      accounts.signIn({ email: 'kit@example.com', password, ip: '127.0.0.2' }),
    ).rejects.toMatchObject({
      code: 'SIGN_IN_FAILED',
    });
    expect(await run('user', 'enable', 'kit@example.com')).toBe(0);
    expect(
      (await accounts.signIn({ email: 'kit@example.com', password, ip: '127.0.0.3' })).token,
    ).toBeTruthy();
    expect(await auditActions()).toEqual([
      { action: 'user.disable', user_name: 'dateline command' },
      { action: 'user.enable', user_name: 'dateline command' },
    ]);
  });

  it('changes a role and signs an account out everywhere', async () => {
    const { accounts, session } = await staff();
    expect(await run('user', 'role', 'kit@example.com', 'editor')).toBe(0);
    expect((await accounts.session(session.token))?.role).toBe('editor');
    expect(await run('user', 'sign-out', 'kit@example.com')).toBe(0);
    expect(out.join('\n')).toContain('Ended 1 session of kit@example.com');
    expect(await accounts.session(session.token)).toBeUndefined();
    expect((await auditActions()).map((a) => a.action)).toEqual(['user.role', 'user.sign-out']);
  });

  it('refuses an unknown email, a bad role and leaving no admin, and explains its usage', async () => {
    await staff();
    expect(await run('user', 'disable', 'nobody@example.com')).toBe(1);
    expect(err.join('\n')).toContain('nobody@example.com');
    expect(await run('user', 'role', 'kit@example.com', 'owner')).toBe(1);
    expect(err.join('\n')).toMatch(/role/);
    expect(await run('user', 'disable', 'boss@example.com')).toBe(1);
    expect(await run('user', 'role', 'boss@example.com', 'editor')).toBe(1);
    expect(err.join('\n')).toContain('last admin');
    expect(await run('user', 'disable')).toBe(2);
    expect(await run('user', 'role', 'kit@example.com')).toBe(2);
    expect(await auditActions()).toEqual([]);
  });
});

describe('the server', () => {
  it('prunes expired sessions and old sign-in attempts as soon as it starts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-prune-'));
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 'prune.sqlite')}`,
      PORT: '0',
      LOG_LEVEL: 'silent',
    });
    const setup = await openMigratedDatabase(config);
    const { accounts } = await createServices({ database: setup, passwordCost: TEST_PASSWORD_COST });
    await accounts.addUser({ email: 'p@example.com', name: 'P', role: 'admin', password: 'a long password' });
    const [user] = await accounts.listUsers();
    const old = '2020-01-01T00:00:00.000Z';
    await setup.db
      .insertInto('sessions')
      .values({
        id_hash: 'old',
        user_id: user!.id,
        csrf_token: 'x',
        created_at: old,
        expires_at: old,
        last_seen_at: old,
      })
      .execute();
    await setup.db
      .insertInto('sign_in_attempts')
      .values({ key: 'email:p@example.com', created_at: old })
      .execute();
    await setup.close();

    const server = await startServer(config, { seed: false, log: () => {} });
    try {
      const remaining = async () => [
        (await server.database.db.selectFrom('sessions').select('id_hash').execute()).length,
        (await server.database.db.selectFrom('sign_in_attempts').select('id').execute()).length,
      ];
      for (let i = 0; i < 50 && (await remaining()).some((n) => n > 0); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await remaining()).toEqual([0, 0]);
    } finally {
      await server.close();
    }
  });
});

describe('starting on a database with no users', () => {
  it('prints the owner’s one-time link, and none once an account exists', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-owner-'));
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 'owner.sqlite')}`,
      PORT: '0',
      PUBLIC_URL: 'https://news.example',
      LOG_LEVEL: 'silent',
    });
    const lines: string[] = [];
    const first = await startServer(config, { seed: false, log: (l) => lines.push(l) });
    const link = /https:\/\/news\.example(\/admin\/welcome\/[\w-]+)/.exec(lines.join('\n'));
    expect(link).not.toBeNull();
    const page = await fetch(new URL(link![1]!, first.url));
    expect(page.status).toBe(200);
    await first.close();

    const cli = await runCli(
      [
        'user',
        'add',
        '--email',
        'o@example.com',
        '--name',
        'O',
        '--role',
        'admin',
        '--password',
        'a long password',
      ],
      {
        out: () => {},
        err: () => {},
        env: { DATABASE_URL: config.database.dialect === 'sqlite' ? `sqlite:${config.database.file}` : '' },
      },
    );
    expect(cli).toBe(0);
    lines.length = 0;
    const second = await startServer(config, { seed: false, log: (l) => lines.push(l) });
    expect(lines.join('\n')).not.toContain('/admin/welcome/');
    await second.close();
  });
});
