// The Shiki themes for code blocks. astro.config.mjs sets the same ones for Markdown
// (tests/build/rule-pages.test.ts keeps the two in step); `<Code>` takes them as props.
// With defaultColor false Shiki emits only CSS variables, and src/styles/global.css
// picks the light or dark colours to match the page theme.

export const CODE_THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;
export const CODE_DEFAULT_COLOR = false;
