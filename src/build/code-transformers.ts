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
//
// Every code block also goes through transformerStyleToClasses(): Shiki writes its colours
// as style="--shiki-light:#0550AE;…" attributes, which a Content-Security-Policy without
// 'unsafe-inline' for styles blocks (src/security-headers.ts). The transformer turns each
// declaration into a class (sk-l-0550ae) whose rule comes from codeColorsCss(), served by
// codeColorsPlugin() as the virtual stylesheet `virtual:stagecraft/code-colors.css`.
import { transformerMetaHighlight } from '@shikijs/transformers';
import { bundledThemes } from 'shiki';
import { CODE_THEMES } from './code-themes.ts';

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

/** Shiki's CSS variables → the class prefix that sets them (sk-l-0550ae sets --shiki-light: #0550ae). */
const VARIABLE_CLASSES: Record<string, string> = {
  '--shiki-light': 'sk-l',
  '--shiki-dark': 'sk-d',
  '--shiki-light-bg': 'sk-lb',
  '--shiki-dark-bg': 'sk-db',
  '--shiki-light-font-style': 'sk-lfs',
  '--shiki-dark-font-style': 'sk-dfs',
  '--shiki-light-font-weight': 'sk-lfw',
  '--shiki-dark-font-weight': 'sk-dfw',
  '--shiki-light-text-decoration': 'sk-ltd',
  '--shiki-dark-text-decoration': 'sk-dtd',
};

/** Plain declarations Astro or Shiki add, and the class that replaces each (styled in global.css). */
const DECLARATION_CLASSES: Record<string, string> = {
  'overflow-x:auto': '',
  'white-space:pre-wrap': 'sk-wrap',
  'word-wrap:break-word': 'sk-wrap',
  'user-select:none': 'sk-noselect',
};

const COLOR = /^#[0-9a-f]{3,8}$/;
const KEYWORD = /^[a-z-]+$/;

/** The class for one `--shiki-…: value` declaration, or null when it is not one we can map. */
function variableClass(name: string, value: string): string | null {
  const prefix = VARIABLE_CLASSES[name];
  if (!prefix) return null;
  const normalized = value.trim().toLowerCase();
  const isColor = name.endsWith('-light') || name.endsWith('-dark') || name.endsWith('-bg');
  if (isColor ? !COLOR.test(normalized) : !KEYWORD.test(normalized.replaceAll(' ', '-'))) return null;
  return `${prefix}-${isColor ? normalized.slice(1) : normalized.replaceAll(' ', '-')}`;
}

type HastNode = { type: string; tagName?: string; properties?: Record<string, unknown>; children?: HastNode[] };

/** Moves every style="…" Shiki or Astro wrote into classes; throws on a declaration it cannot map. */
function styleToClasses(node: HastNode): void {
  const style = node.properties?.['style'];
  if (node.type === 'element' && node.properties && typeof style === 'string') {
    const classes: string[] = [];
    for (const declaration of style.split(';')) {
      const colon = declaration.indexOf(':');
      if (colon < 0) {
        if (declaration.trim() !== '') throw new Error(`code block: cannot read the style declaration "${declaration}"`);
        continue;
      }
      const name = declaration.slice(0, colon).trim().toLowerCase();
      const value = declaration.slice(colon + 1).trim();
      const mapped = name.startsWith('--') ? variableClass(name, value) : DECLARATION_CLASSES[`${name}:${value.toLowerCase().replaceAll(' ', '')}`];
      if (mapped === undefined || mapped === null) {
        throw new Error(`code block: no class for the style "${name}: ${value}" (see transformerStyleToClasses in src/build/code-transformers.ts)`);
      }
      if (mapped !== '') classes.push(mapped);
    }
    delete node.properties['style'];
    const existing = node.properties['class'];
    const current = Array.isArray(existing) ? existing.map(String) : typeof existing === 'string' ? existing.split(/\s+/).filter(Boolean) : [];
    const all = [...new Set([...current, ...classes])];
    if (all.length > 0) node.properties['class'] = all.join(' ');
  }
  for (const child of node.children ?? []) styleToClasses(child);
}

/** Replaces the style attributes of a highlighted block by classes (see the top of this file). */
export function transformerStyleToClasses(): CodeTransformer {
  return {
    name: 'stagecraft:style-to-classes',
    root(root) {
      styleToClasses(root as HastNode);
    },
  };
}

/** Every colour a theme can give a token or a block, lower-case. */
async function themeColors(name: string): Promise<Set<string>> {
  const loader = (bundledThemes as Record<string, () => Promise<{ default: unknown }>>)[name];
  if (!loader) throw new Error(`unknown Shiki theme ${name}`);
  const theme = (await loader()).default as {
    colors?: Record<string, string>;
    tokenColors?: Array<{ settings?: { foreground?: string; background?: string } }>;
  };
  const colors = new Set<string>();
  const add = (color: string | undefined) => {
    if (color && COLOR.test(color.toLowerCase())) colors.add(color.toLowerCase());
  };
  add(theme.colors?.['editor.foreground'] ?? theme.colors?.['foreground']);
  add(theme.colors?.['editor.background'] ?? theme.colors?.['background']);
  for (const entry of theme.tokenColors ?? []) {
    add(entry.settings?.foreground);
    add(entry.settings?.background);
  }
  return colors;
}

const FONT_VALUES: Record<string, string[]> = {
  'font-style': ['italic', 'normal'],
  'font-weight': ['bold', 'normal'],
  'text-decoration': ['underline', 'line-through', 'none'],
};

/** The stylesheet behind the classes of transformerStyleToClasses(), for both themes of CODE_THEMES. */
export async function codeColorsCss(): Promise<string> {
  const rules: string[] = [
    '/* Generated by codeColorsCss() in src/build/code-transformers.ts: Shiki colours as classes (no style attributes under the CSP). */',
  ];
  for (const [mode, theme] of Object.entries(CODE_THEMES) as Array<['light' | 'dark', string]>) {
    const short = mode === 'light' ? 'l' : 'd';
    for (const color of [...(await themeColors(theme))].sort()) {
      rules.push(`.sk-${short}-${color.slice(1)}{--shiki-${mode}:${color}}`, `.sk-${short}b-${color.slice(1)}{--shiki-${mode}-bg:${color}}`);
    }
    for (const [property, values] of Object.entries(FONT_VALUES)) {
      const abbreviation = property === 'font-style' ? 'fs' : property === 'font-weight' ? 'fw' : 'td';
      for (const value of values) rules.push(`.sk-${short}${abbreviation}-${value}{--shiki-${mode}-${property}:${value}}`);
    }
  }
  rules.push('.sk-wrap{white-space:pre-wrap;overflow-wrap:break-word}', '.sk-noselect{user-select:none}');
  return `${rules.join('\n')}\n`;
}

export const CODE_COLORS_MODULE = 'virtual:stagecraft/code-colors.css';

/** A Vite plugin serving codeColorsCss() as CODE_COLORS_MODULE (astro.config.mjs adds it). */
export function codeColorsPlugin(): { name: string; resolveId(id: string): string | undefined; load(id: string): Promise<string> | undefined } {
  const resolved = `\0${CODE_COLORS_MODULE}`;
  return {
    name: 'stagecraft:code-colors',
    resolveId: (id) => (id === CODE_COLORS_MODULE ? resolved : undefined),
    load: (id) => (id === resolved ? codeColorsCss() : undefined),
  };
}

/** The transformers every Markdown/MDX code block goes through. */
export function codeTransformers(): CodeTransformer[] {
  return [transformerMetaHighlight({ className: 'highlighted' }), transformerCodeTitle(), transformerStyleToClasses()];
}
