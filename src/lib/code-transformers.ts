// Shiki transformers for the code blocks in lessons (astro.config.mjs passes them to
// Markdown and MDX). A fence's meta string can carry:
//
//   ```dockerfile title="Dockerfile" id="go-build" {4-5} expect-error
//
//   title="…"   a file-name header above the block (a <figure> with a <figcaption>)
//   {2,4-5}     marked lines (class "highlighted", styled in src/styles/global.css)
//   id="…"      names the block for tests (tests/support/lesson-dockerfiles.ts); not rendered
//
// Anything else in the meta (such as expect-error) is for tests only and not rendered.
import { transformerMetaHighlight } from '@shikijs/transformers';

export type CodeTransformer = ReturnType<typeof transformerMetaHighlight>;

/** The value of `name="…"` (or `name='…'`) in a fence's meta string, or null. */
export function metaAttribute(meta: string | undefined, name: string): string | null {
  if (!meta) return null;
  const match = new RegExp(`(?:^|\\s)${name}=(?:"([^"]*)"|'([^']*)')`).exec(meta);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** `title="Dockerfile"` → the block inside <figure class="code-block"> under a <figcaption>. */
export function transformerCodeTitle(): CodeTransformer {
  return {
    name: 'stagecraft:code-title',
    root(root) {
      const title = metaAttribute(this.options.meta?.__raw, 'title')?.trim();
      if (!title) return;
      const preIndex = root.children.findIndex((node) => node.type === 'element' && node.tagName === 'pre');
      const pre = root.children[preIndex];
      if (!pre || pre.type !== 'element') return;
      root.children[preIndex] = {
        type: 'element',
        tagName: 'figure',
        properties: { class: 'code-block' },
        children: [
          {
            type: 'element',
            tagName: 'figcaption',
            properties: { class: 'code-block__title' },
            children: [{ type: 'text', value: title }],
          },
          pre,
        ],
      };
    },
  };
}

/** The transformers every Markdown/MDX code block goes through. */
export function codeTransformers(): CodeTransformer[] {
  return [transformerMetaHighlight({ className: 'highlighted' }), transformerCodeTitle()];
}
