// The preview of a server the learner's command started: a link and a sandboxed frame for a
// WebContainer preview address (its own origin), or only the sentence for any other address
// (src/lib/runner-ui/format.ts isPreviewUrl decides), so the page never frames what it does not know.
import { isPreviewUrl } from '../../lib/runner-ui/format.ts';
import { element } from '../../lib/dom-parts.ts';

export interface PreviewView {
  show(port: number, url: string): void;
  clear(): void;
}

export function previewView(section: HTMLElement, box: HTMLElement): PreviewView {
  return {
    show(port, url) {
      section.hidden = false;
      const line = element('p', 'runner__preview-line');
      if (isPreviewUrl(url)) {
        const link = element('a', '', 'Open it in a new tab');
        link.href = url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        line.append(`A server is listening on port ${port}. `, link);
        const frame = element('iframe', 'runner__frame');
        frame.title = `Preview of the server on port ${port}`;
        // Its own origin (webcontainer-api.io): scripts and forms run, nothing reaches this page.
        frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-same-origin');
        frame.referrerPolicy = 'no-referrer';
        frame.src = url;
        box.replaceChildren(line, frame);
      } else {
        line.textContent = `A server is listening on port ${port} (${url}).`;
        box.replaceChildren(line);
      }
    },
    clear() {
      box.replaceChildren();
      section.hidden = true;
    },
  };
}
