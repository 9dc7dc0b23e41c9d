// `npm run dev` serves the stage runner's pages cross-origin isolated, like `npm start` and
// the hosts do (src/security-headers.ts: devServerHeaders), so WebContainer can boot while
// writing lessons. Astro's `server.headers` would isolate every page; this middleware adds
// the headers to the runner pages only.
import type { AstroIntegration } from 'astro';
import { devServerHeaders } from '../security-headers.ts';

export function isolationHeaders(): AstroIntegration {
  return {
    name: 'stagecraft:isolation-headers',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
          for (const [name, value] of devServerHeaders(pathname)) response.setHeader(name, value);
          next();
        });
      },
    },
  };
}
