// `astro build` refuses content that contradicts the analyzer, before it renders a page: an
// exercise solution that fails its goals, a quiz answer or explanation the analyzer does not
// bear out (src/build/content-contradictions.ts). The dev server only warns, so an author can
// keep editing while the page shows the problem.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { contentContradictions } from '../build/content-contradictions.ts';

export class ContentContradiction extends Error {
  override name = 'ContentContradiction';
}

export function contentCheck(): AstroIntegration {
  let contentRoot = '';
  return {
    name: 'stagecraft:content-check',
    hooks: {
      'astro:config:setup': ({ config }) => {
        contentRoot = fileURLToPath(new URL('content/', config.root));
      },
      'astro:build:start': ({ logger }) => {
        const problems = contentContradictions(contentRoot);
        if (problems.length === 0) {
          logger.info('every exercise solution passes its goals; every quiz answer and explanation matches the analyzer');
          return;
        }
        throw new ContentContradiction(`content contradicts the analyzer (${problems.length}):\n- ${problems.join('\n- ')}`);
      },
      'astro:server:setup': ({ logger }) => {
        for (const problem of contentContradictions(contentRoot)) logger.warn(problem);
      },
    },
  };
}
