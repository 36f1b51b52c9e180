import { describe, expect, it } from 'vitest';
import { ConfigError, importsDirFor, loadConfig, parseDatabaseUrl } from './config.ts';

describe('configuration', () => {
  it('defaults to SQLite in ./data on port 3000 at 127.0.0.1', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database).toEqual({
      dialect: 'sqlite',
      file: expect.stringMatching(/data\/dateline\.sqlite$/) as string,
    });
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps the Import screen’s files in the data folder, never where uploads are served from', () => {
    const config = loadConfig({ DATELINE_DATA_DIR: '/srv/d' });
    expect(config.uploadsDir).toBe('/srv/d/uploads');
    expect(config.importsDir).toBe('/srv/d/imports');
    expect(loadConfig({ DATELINE_DATA_DIR: '/srv/d', DATELINE_UPLOADS_DIR: '/mnt/shared' }).importsDir).toBe(
      '/srv/d/imports',
    );
    // An uploads folder that holds the data folder: the hidden name is never a storage key.
    expect(importsDirFor('/srv/d', '/srv/d')).toBe('/srv/d/.imports');
    expect(importsDirFor('/srv/d', '/srv')).toBe('/srv/d/.imports');
    expect(importsDirFor('/srv/d', '/srv/d/imports')).toBe('/srv/d/.imports');
    expect(importsDirFor('/srv/d', '/srv/dx')).toBe('/srv/d/imports');
  });

  it('reads DATABASE_URL for both databases', () => {
    expect(parseDatabaseUrl('postgres://u@h/db', '/d')).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@h/db',
    });
    expect(parseDatabaseUrl('postgresql://u@h/db', '/d')).toEqual({
      dialect: 'postgres',
      url: 'postgresql://u@h/db',
    });
    expect(parseDatabaseUrl('sqlite:/tmp/x.sqlite', '/d')).toEqual({
      dialect: 'sqlite',
      file: '/tmp/x.sqlite',
    });
    expect(parseDatabaseUrl('sqlite:///tmp/y.sqlite', '/d')).toEqual({
      dialect: 'sqlite',
      file: '/tmp/y.sqlite',
    });
    expect(parseDatabaseUrl('sqlite::memory:', '/d')).toEqual({ dialect: 'sqlite', file: ':memory:' });
    expect(parseDatabaseUrl('', '/d')).toEqual({ dialect: 'sqlite', file: '/d/dateline.sqlite' });
  });

  it('fails fast, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('knows production from NODE_ENV', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).isProduction).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).isProduction).toBe(false);
  });

  it('lets the wire desk follow private addresses only when DATELINE_WIRE_ALLOW_PRIVATE_HOSTS says so', () => {
    expect(loadConfig({}).wireAllowPrivateHosts).toBe(false);
    expect(loadConfig({ DATELINE_WIRE_ALLOW_PRIVATE_HOSTS: 'on' }).wireAllowPrivateHosts).toBe(true);
    expect(loadConfig({ DATELINE_WIRE_ALLOW_PRIVATE_HOSTS: 'nope' }).wireAllowPrivateHosts).toBe(false);
  });
});
