import { createServer } from 'node:http';

export function reply() {
  return 'notes api\n';
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  createServer((request, response) => response.end(reply())).listen(3000);
}
