// How the site's search ranks pages (Pagefind's `ranking` options), tuned so that a lesson that
// teaches a term ranks above the rule pages that mention it, while a rule's own id still finds
// the rule first (tests/e2e/search.e2e.ts checks both on the built site).
//
// Rule pages are short and their title is the rule id, so with Pagefind's defaults "COPY
// --from" finds five rule pages (copy-from-…) before the lessons that teach it: BM25 favours
// short pages, and a page's title adds a large bonus. Here long pages (the lessons) are hardly
// penalised for their length (pageLength), a term met many times keeps counting for longer
// (termSaturation), the title bonus is modest, and "target" no longer matches "TARGETPLATFORM"
// as strongly (termSimilarity). The index's content weights do the rest: lesson titles,
// objectives and recaps weigh like headings, a rule page's text weighs less
// (src/pages/lessons/[slug].astro, src/pages/rules/[id].astro).
export const SEARCH_RANKING = {
  pageLength: 0.1,
  termSaturation: 2.5,
  termSimilarity: 0.2,
  metaWeights: { title: 1.25 },
} as const;
