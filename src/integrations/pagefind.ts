// Builds the Pagefind search index after every `astro build`, into dist/pagefind/, so that
// whatever script runs the build (npm run build, npm start, the Dockerfile, CI) ships a site
// whose /search/ page works. Only elements with data-pagefind-body are indexed: the lesson
// and rule articles (src/pages/lessons/[slug].astro, src/pages/rules/[id].astro).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export function pagefind(): AstroIntegration {
  return {
    name: 'stagecraft:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { close, createIndex } = await import('pagefind');
        const site = fileURLToPath(dir);
        try {
          const { index, errors } = await createIndex({
            forceLanguage: 'en',
            // Inside a lesson: its quiz, the "mark complete" control and the workbench are
            // not what a search for the lesson's words should land on.
            excludeSelectors: ['.lesson-quiz', 'lesson-complete', '.exercise-slot', '.workbench'],
          });
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: site });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index ${site}: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
          logger.info(`indexed ${added.page_count} pages for search into ${join(site, 'pagefind')}`);
        } finally {
          await close();
        }
      },
    },
  };
}
