// Hosting the room server: the command line of `npm start` (flags over HOST, PORT,
// STAGECRAFT_DATA), the LAN addresses it offers, and compose.yaml's room services (the
// volume for SQLite; the scaled profile's PostgreSQL, two servers and a balancer that lets
// event streams through).
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../src/server/args.ts';
import { lanUrls } from '../../src/server/start.ts';

describe('npm start -- [flags]', () => {
  it('defaults to this machine only, port 4321, data/', () => {
    expect(parseServerArgs([], {}, '/p/data')).toEqual({
      host: '127.0.0.1',
      port: 4321,
      dataDir: '/p/data',
      root: undefined,
      databaseUrl: undefined,
      trustProxy: false,
      help: false,
    });
  });

  it('takes HOST, PORT, STAGECRAFT_DATA, DATABASE_URL and TRUST_PROXY from the environment, and flags over them', () => {
    const env = { HOST: '0.0.0.0', PORT: '8000', STAGECRAFT_DATA: '/srv/rooms', DATABASE_URL: 'postgres://db/rooms', TRUST_PROXY: '1' };
    expect(parseServerArgs([], env, '/p/data')).toMatchObject({
      host: '0.0.0.0',
      port: 8000,
      dataDir: '/srv/rooms',
      databaseUrl: 'postgres://db/rooms',
      trustProxy: true,
    });
    // npm start's own flags come first, the user's after `--`: the last one wins.
    expect(parseServerArgs(['--port', '4321', '--host', '::', '--port=9000', '--data', '/tmp/x'], env, '/p/data')).toMatchObject({
      host: '::',
      port: 9000,
      dataDir: '/tmp/x',
    });
  });

  it('refuses a bad port, a flag without its value and an unknown flag, saying which', () => {
    expect(() => parseServerArgs(['--port', '70000'], {}, 'd')).toThrow('--port must be a whole number from 0 to 65535, got 70000');
    expect(() => parseServerArgs(['--port', 'x'], {}, 'd')).toThrow('--port must be');
    expect(() => parseServerArgs(['--host'], {}, 'd')).toThrow('--host needs a value');
    expect(() => parseServerArgs(['--hots', 'x'], {}, 'd')).toThrow('unknown argument --hots');
    expect(parseServerArgs(['--help'], {}, 'd').help).toBe(true);
  });

  it('offers LAN addresses only when listening on every interface', () => {
    expect(lanUrls('127.0.0.1', 4321)).toEqual([]);
    for (const url of lanUrls('0.0.0.0', 4321)) expect(url).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:4321$/);
  });
});

describe('compose.yaml', () => {
  type Service = {
    command?: string[];
    environment?: Record<string, string>;
    volumes?: string[];
    profiles?: string[];
    depends_on?: Record<string, { condition: string }>;
  };
  const compose = load(readFileSync('compose.yaml', 'utf8')) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
    configs: Record<string, { content: string }>;
  };

  it('runs the room server on every interface, with its SQLite database on a volume the node user owns', () => {
    const rooms = compose.services['rooms']!;
    expect(rooms.command).toEqual(['node', 'src/server/main.ts', '--host', '0.0.0.0', '--port', '4321']);
    expect(rooms.volumes).toEqual(['room-data:/app/data']);
    expect(rooms.environment?.['STAGECRAFT_DATA']).toBe('/app/data');
    expect(rooms.depends_on?.['room-data-owner']?.condition).toBe('service_completed_successfully');
    expect(compose.services['room-data-owner']!.command).toEqual(['chown', 'node:node', '/app/data']);
    expect(Object.keys(compose.volumes)).toContain('room-data');
  });

  it('has a scaled profile: two room servers on one PostgreSQL behind a balancer that does not buffer event streams', () => {
    for (const name of ['postgres', 'rooms-1', 'rooms-2', 'balancer']) expect(compose.services[name]!.profiles, name).toEqual(['scaled']);
    for (const name of ['rooms-1', 'rooms-2']) {
      expect(compose.services[name]!.environment?.['DATABASE_URL']).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      expect(compose.services[name]!.depends_on?.['postgres']?.condition).toBe('service_healthy');
    }
    const conf = compose.configs['balancer']!.content;
    expect(conf).toContain('server rooms-1:4321;');
    expect(conf).toContain('server rooms-2:4321;');
    expect(conf).toContain('proxy_buffering off;');
    // Compose reads $name as its own variables: nginx's must be written $$name.
    expect(conf).toContain('proxy_set_header Host $$host;');
  });
});
