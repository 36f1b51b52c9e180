import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from './app.tsx';
import { runCli } from './cli.ts';
import { loadConfig } from './config.ts';
import { startServer } from './server.tsx';
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
