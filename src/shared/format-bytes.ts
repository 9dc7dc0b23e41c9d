// Sizes in messages: "12.5 KB", "3 bytes". Pure, shared by the browser (the playground's and the
// workbench's limits) and the CLI (its input limit), which may not import the site's src/lib.

/**
 * "12.5 KB", "3 bytes". Rounded up, so a size just over a limit never reads as the limit
 * itself ("257 KB, up to 256 KB").
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const kb = bytes / 1024;
  if (kb < 10) return `${(Math.ceil(kb * 10) / 10).toFixed(1)} KB`;
  return kb < 1024 ? `${Math.ceil(kb)} KB` : `${(Math.ceil((kb / 1024) * 10) / 10).toFixed(1)} MB`;
}
