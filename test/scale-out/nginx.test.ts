// The repository's deploy/nginx.conf in front of two Dateline processes, as docs/deploy.md describes:
// nginx runs this file with only the upstream ports and the listen line changed. Through it, readers
// read and comment, staff sign in and act, the client address cannot be forged with X-Forwarded-For,
// and when one process is SIGKILLed, nginx sends everything to the other without a failed request.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../durability/server-process.ts';
import {
  articleForm,
  dateline,
  freshDatabase,
  get,
  postComment,
  scaleOutSkipReason,
  sharedEnv,
  staffSignedIn,
  startDateline,
  waitFor,
  type DatelineProcess,
  type SharedDatabase,
} from './harness.ts';

const hasNginx = spawnSync('nginx', ['-v']).status === 0;
const skip = scaleOutSkipReason() ?? (hasNginx ? undefined : 'nginx is not installed');
if (skip && hasNginx === false) console.warn('Skipping the nginx test: nginx is not installed.');

/** A free loopback port. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * deploy/nginx.conf, with its upstream pointed at `upstreams` and its listen line at `port`; nothing
 * else changes. Throws if the file no longer has the lines this relies on.
 */
function siteConfig(upstreams: string[], port: number): string {
  const text = fs.readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const serverLine = /^(\s*)server 127\.0\.0\.1:\d+( [^;]*)?;$/gm;
  const lines = [...text.matchAll(serverLine)];
  if (lines.length === 0) throw new Error('deploy/nginx.conf has no upstream server lines');
  const [first] = lines;
  const indent = first?.[1] ?? '    ';
  const options = first?.[2] ?? '';
  let replaced = false;
  const withUpstreams = text.replace(serverLine, () => {
    if (replaced) return '';
    replaced = true;
    return upstreams.map((address) => `${indent}server ${address}${options};`).join('\n');
  });
  if (!/^\s*listen 80;$/m.test(withUpstreams)) throw new Error('deploy/nginx.conf has no "listen 80;" line');
  return withUpstreams.replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
}

/** Starts nginx in the foreground on a generated top-level config that includes the site file. */
async function startNginx(dir: string, site: string, port: number): Promise<ChildProcess> {
  fs.writeFileSync(path.join(dir, 'dateline.conf'), site);
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, temp));
  fs.chmodSync(dir, 0o777);
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 256; }',
      'http {',
      `  access_log off;`,
      `  client_body_temp_path ${dir}/body;`,
      `  proxy_temp_path ${dir}/proxy;`,
      `  fastcgi_temp_path ${dir}/fastcgi;`,
      `  uwsgi_temp_path ${dir}/uwsgi;`,
      `  scgi_temp_path ${dir}/scgi;`,
      `  include ${dir}/dateline.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  const check = spawnSync('nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], {
    encoding: 'utf8',
  });
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
  const child = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  await waitFor('nginx listening', async () => {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    return open ? true : undefined;
  });
  return child;
}

describe.skipIf(skip)('deploy/nginx.conf in front of two Dateline processes', () => {
  let database: SharedDatabase;
  let env: Record<string, string>;
  let a: DatelineProcess;
  let b: DatelineProcess;
  let nginx: ChildProcess | undefined;
  let dir: string;
  let front: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-nginx-'));
    database = await freshDatabase('nginx');
    const port = await freePort();
    front = `http://127.0.0.1:${port}/`;
    // As docs/deploy.md says: Dateline believes the local nginx about the client, and knows its public address.
    env = sharedEnv(database.url, { TRUST_PROXY: 'loopback', PUBLIC_URL: front.slice(0, -1) });
    await dateline(env, ['migrate']);
    [a, b] = await Promise.all([startDateline(env), startDateline(env)]);
    const upstreams = [a, b].map((p) => new URL(p.url).host);
    nginx = await startNginx(dir, siteConfig(upstreams, port), port);
  }, 180_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const gone = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await gone;
    }
    await a?.stop();
    await b?.stop();
    await database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('serves readers and staff through nginx, keeps the real client address, and survives a dead process', async () => {
    // Staff sign in through nginx (the session cookie is for the public address) and publish.
    const editor = await staffSignedIn(database, env, front, 'editor');
    const saved = await editor.post(
      '/admin/articles',
      articleForm({
        title: 'Night ferry returns for the summer',
        slug: 'night-ferry',
        body: 'The night ferry runs again from June.',
        authors: editor.authorSlug,
        action: 'publish',
      }),
    );
    expect(saved.status, saved.text.slice(0, 300)).toBe(303);
    expect(saved.location).toMatch(/^\/admin\/articles\/\d+\/edit/);

    const page = await get(front, '/night-ferry/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Night ferry returns for the summer');
    expect(page.headers.get('surrogate-key')).toMatch(/article:\d+/);
    expect(page.headers.get('cache-control')).toContain('s-maxage=');
    const asset = /\/assets\/[^"]+\.css/.exec(page.text)?.[0];
    expect(asset).toBeDefined();
    expect((await get(front, asset as string)).status).toBe(200);

    // A comment through nginx answers 303 with a path on the public site.
    const posted = await postComment(front, 'night-ferry', {
      author: 'Ines',
      email: 'ines@example.net',
      comment: 'Finally, the late boat.',
    });
    expect(posted.status).toBe(303);
    expect(posted.location).toMatch(/^\/night-ferry\//);

    // The flood limit sees nginx's view of the client: a forged X-Forwarded-For changes nothing.
    await dateline(env, ['settings', 'set', 'comments.flood_seconds', '60']);
    const forged = await postComment(
      front,
      'night-ferry',
      { author: 'Other', email: 'other@example.net', comment: 'From "another" address.' },
      { 'x-forwarded-for': '203.0.113.7' },
    );
    expect(forged.status).toBe(429);
    await dateline(env, ['settings', 'set', 'comments.flood_seconds', '0']);

    // One process dies: nginx sends every request to the other, reads and writes alike.
    a.child.kill('SIGKILL');
    await a.exited;
    for (let i = 0; i < 20; i++) {
      const read = await get(front, i % 2 === 0 ? '/' : '/night-ferry/');
      expect(read.status, `read ${i}`).toBe(200);
    }
    const afterKill = await postComment(front, 'night-ferry', {
      author: 'Ola',
      email: 'ola@example.net',
      comment: 'Still taking comments.',
    });
    expect(afterKill.status).toBe(303);
    expect((await editor.get('/admin/articles')).status).toBe(200);
  }, 120_000);
});
