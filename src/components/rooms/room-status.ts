// Fills in <RoomStatus>: whether live rooms work on this server, and what a LAN room needs.
import { element, part } from '../../lib/dom-parts.ts';
import type { ServerStatus } from './room-api.ts';

/** Loopback: participants' devices cannot reach a page the facilitator opened as localhost. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
}

export function showStatus(root: ParentNode, status: ServerStatus | null): void {
  const box = part<HTMLElement>(root, '[data-room-status]');
  const text = part<HTMLElement>(root, '[data-status-text]');
  box.dataset['state'] = status ? 'on' : 'off';
  if (!status) {
    text.replaceChildren(
      'Live rooms need the course’s own server, and this copy of the site has none (or it cannot be reached). Run ',
      element('code', '', 'npm start'),
      ' and open this page from it. The lessons, quizzes and exercises work without it.',
    );
    return;
  }
  const storage = status.storage === 'postgres' ? 'PostgreSQL' : 'SQLite';
  text.replaceChildren(`Live rooms are on (stored in ${storage}; each room is deleted ${status.lifetimeHours} hours after it opens).`);
}
