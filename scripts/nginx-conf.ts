// The nginx configuration of the production image (the Dockerfile's `production` target),
// generated from src/security-headers.ts so the container serves the site with exactly the
// headers `npm start` and the end-to-end tests use. The Dockerfile's build stage runs
//
//   node scripts/nginx-conf.ts > /tmp/nginx.conf
//
// and the production stage copies the result over /etc/nginx/nginx.conf. nginx runs as the
// unprivileged `nginx` user there, so it listens on 8080 and keeps its pid and temporary
// files in /tmp. tests/project/own-dockerfile.test.ts checks the output.
import { pathToFileURL } from 'node:url';
import {
  DEFAULT_CACHE_CONTROL,
  IMMUTABLE_CACHE_CONTROL,
  IMMUTABLE_PREFIX,
  nginxHeaderLines,
  nginxIsolatedLocation,
  SECURITY_HEADERS,
} from '../src/security-headers.ts';

export const NGINX_PORT = 8080;
export const NGINX_ROOT = '/usr/share/nginx/html';

export function nginxConf(): string {
  const headers = (indent: string, cache: string) => nginxHeaderLines(indent, SECURITY_HEADERS, cache);
  return [
    '# Generated from src/security-headers.ts by scripts/nginx-conf.ts; do not edit by hand.',
    'worker_processes auto;',
    'pid /tmp/nginx.pid;',
    'error_log /dev/stderr warn;',
    '',
    'events {',
    '    worker_connections 1024;',
    '}',
    '',
    'http {',
    '    include /etc/nginx/mime.types;',
    '    default_type application/octet-stream;',
    '    access_log /dev/stdout;',
    '    sendfile on;',
    '    server_tokens off;',
    '    gzip on;',
    '    gzip_types text/css text/javascript application/javascript application/json image/svg+xml application/wasm;',
    '',
    '    # An unprivileged user cannot write to /var/cache/nginx or /run.',
    '    client_body_temp_path /tmp/client_temp;',
    '    proxy_temp_path /tmp/proxy_temp;',
    '    fastcgi_temp_path /tmp/fastcgi_temp;',
    '    uwsgi_temp_path /tmp/uwsgi_temp;',
    '    scgi_temp_path /tmp/scgi_temp;',
    '',
    '    server {',
    `        listen ${NGINX_PORT};`,
    `        root ${NGINX_ROOT};`,
    '        absolute_redirect off;',
    '',
    ...headers('        ', DEFAULT_CACHE_CONTROL),
    '',
    '        location / {',
    '            try_files $uri $uri/index.html $uri.html =404;',
    '        }',
    '',
    '        # add_header in a location replaces every add_header of the server: repeat them.',
    `        location ${IMMUTABLE_PREFIX} {`,
    ...headers('            ', IMMUTABLE_CACHE_CONTROL),
    '        }',
    '',
    ...nginxIsolatedLocation('        '),
    '    }',
    '}',
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(nginxConf());
