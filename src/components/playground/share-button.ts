// "Share": makes a link that carries the Dockerfile, the target and the Docker release in its
// fragment (src/lib/playground/share-link.ts), shows it in a field below, and copies it when
// the browser lets the page; when it does not, the field is focused and selected instead.
import { shareFragment, type ShareSettings } from '../../lib/playground/share-link.ts';
import type { PlaygroundParts } from './playground-parts.ts';

/** The page's URL without the fragment (what a share link is built on). */
export const pageUrl = (): string => `${location.origin}${location.pathname}${location.search}`;

export function wireShareButton(
  parts: Pick<PlaygroundParts, 'share' | 'shareBox' | 'shareUrl'>,
  shared: () => { text: string; settings: ShareSettings },
  say: (message: string) => void,
): void {
  parts.share.addEventListener('click', async () => {
    const { text, settings } = shared();
    const link = await shareFragment(text, settings);
    if (!link.ok) {
      parts.shareBox.hidden = true;
      say(link.reason);
      return;
    }
    const href = `${pageUrl()}${link.fragment}`;
    parts.shareUrl.value = href;
    parts.shareBox.hidden = false;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(href);
      say('Share link copied. It is also below, to select and copy by hand.');
    } catch {
      parts.shareUrl.focus();
      parts.shareUrl.select();
      say('The browser did not let the page copy the link: it is below, selected; copy it with Ctrl+C (⌘+C on a Mac).');
    }
  });
  parts.shareUrl.addEventListener('focus', () => parts.shareUrl.select());
}
