// The prompt at the start of a lesson: "Questions you missed, due for review: N", linking to
// the review on /progress/ (ReviewDue.astro). It ships with every lesson, inside the lesson's
// shell budget (scripts/check-budgets.ts), so it imports nothing and is as short as it can be:
// it reads the cards' due days straight from storage (their shape: src/lib/review/schema.ts;
// the local day as schedule.ts's localDay writes it) and counts those due today or before (a
// learned card has no due day). Anything unexpected (no storage, a damaged record) shows no
// prompt; the review on /progress/ reads the cards properly and says what is wrong.
try {
  const now = new Date();
  // The local day as YYYY-MM-DD: the UTC date of the local time.
  const today = new Date(+now - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
  const cards: Array<{ due?: string }> = Object.values(JSON.parse(localStorage.getItem('stagecraft:review')!).cards);
  const due = cards.filter((card) => card.due! <= today).length;
  const prompt = document.querySelector<HTMLElement>('[data-review-due]')!;
  if (due > 0) {
    prompt.querySelector('b')!.textContent = String(due);
    prompt.hidden = false;
  }
} catch {
  // No storage, no prompt on the page, or not a record this page can read: no prompt.
}
