// Builds the Pagefind search index after every `astro build`, into dist/pagefind/, so that
// whatever script runs the build (npm run build, npm start, the Dockerfile, CI) ships a site
// whose /search/ page works. Only elements with data-pagefind-body are indexed: the lesson
// and rule articles (src/pages/lessons/[slug].astro, src/pages/rules/[id].astro). A lesson
// that teaches a term ranks above the rule pages that mention it: a rule page's title (its
// id, `copy-from-undefined-stage`) is weighted as ordinary text instead of as a heading, and
// the search page ranks long pages (lessons) nearly as high as short ones (site-search.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * What is not indexed. Inside a lesson: its quiz, the "mark complete" control and the
 * workbench are not what a search for the lesson's words should land on. Everywhere: code
 * blocks and stage diagrams (an excerpt cut from a Dockerfile runs its lines together, "Dockerfile
 * ARG VARIANT…"), a rule page's facts and examples (its reported examples are code and
 * "2:6 Line 2, column 6: Warning…" lines), and text only screen readers or only sighted
 * readers get twice (visually hidden labels, aria-hidden icons), which would run into the
 * words around it. Search finds a page by its prose: what it teaches, says and explains.
 */
export const EXCLUDED = [
  '.lesson-quiz',
  'lesson-complete',
  '.exercise-slot',
  '.workbench',
  'pre',
  'figure.code-block',
  'figure.code-figure',
  'figure.stage-diagram',
  '.rule__facts',
  '.examples',
  '.visually-hidden',
  '[aria-hidden="true"]',
];

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
            excludeSelectors: EXCLUDED,
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
