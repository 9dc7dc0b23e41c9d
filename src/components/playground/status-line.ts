// The playground's status line: a polite live region that says what just happened (a file
// opened or refused, a link copied, the text too long to keep). Emptied first, so the same
// sentence twice is announced twice; some warnings are said once per visit only.

export interface StatusLine {
  say(message: string): void;
  /** Says `message` the first time only for the same `what`. */
  warnOnce(what: string, message: string): void;
}

export function statusLine(status: HTMLElement): StatusLine {
  const say = (message: string): void => {
    status.textContent = '';
    requestAnimationFrame(() => {
      status.textContent = message;
    });
  };
  const warned = new Set<string>();
  return {
    say,
    warnOnce(what, message) {
      if (warned.has(what)) return;
      warned.add(what);
      say(message);
    },
  };
}
