// What the buttons of /progress/ do — export, import, reset, restore or delete a kept copy —
// and the list of kept copies, loaded when the learner first presses one, or when this
// browser keeps copies to list (progress-page.ts); not with every view of the page: it
// carries the whole store (texts, recovery, migration), which a browser without trouble
// never needs on this page. scripts/page-weight.ts counts it as loaded on request.
export { readProgress } from '../../lib/progress/progress.ts';
export { restoreKeptCopy } from '../../lib/progress/kept-copies.ts';
export {
  exportFileName,
  exportText,
  importProgress,
  keepProgressCopy,
  MAX_IMPORT_BYTES,
  parseImport,
  progressWithTexts,
  resetProgress,
  serializeExport,
} from '../../lib/progress/transfer.ts';
export { deleteKeptCopy, listKeptCopies } from '../../lib/progress/kept-list.ts';
export { copyFileName, renderKeptCopies } from './kept-copies-view.ts';
