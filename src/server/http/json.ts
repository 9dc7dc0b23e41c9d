// Small HTTP helpers of the room API: JSON bodies read with a size limit, JSON answers with
// the site's security headers, cookies, and the client's address.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { responseHeaders } from '../../security-headers.ts';

export class HttpError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/** Headers of every API answer: the site's security headers, never cached. */
export function apiHeaders(pathname: string): Array<[string, string]> {
  return [...responseHeaders(pathname).filter(([name]) => name !== 'Cache-Control'), ['Cache-Control', 'no-store']];
}

export function sendJson(response: ServerResponse, pathname: string, status: number, body: unknown, extra: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  for (const [name, value] of apiHeaders(pathname)) response.setHeader(name, value);
  for (const [name, value] of Object.entries(extra)) response.setHeader(name, value);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(text));
  response.statusCode = status;
  response.end(text);
}

export function sendText(response: ServerResponse, pathname: string, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  for (const [name, value] of apiHeaders(pathname)) response.setHeader(name, value);
  for (const [name, value] of Object.entries(extra)) response.setHeader(name, value);
  response.setHeader('Content-Type', type);
  response.setHeader('Content-Length', Buffer.byteLength(body));
  response.statusCode = status;
  response.end(body);
}

/**
 * The request's JSON body. Refuses anything but application/json (so no HTML form on another
 * site can post here), bodies over `limit` bytes (413, reading stops there), and text that
 * is not JSON (400).
 */
export async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'Send the request as application/json.');
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `The request is larger than ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      request.resume();
      throw new HttpError(413, `The request is larger than ${limit} bytes.`);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/** A plain object's own field, never one from its prototype. */
export function field(body: unknown, name: string): unknown {
  return body !== null && typeof body === 'object' && !Array.isArray(body) && Object.hasOwn(body, name) ? (body as Record<string, unknown>)[name] : undefined;
}

export function cookie(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The bearer token of the Authorization header. */
export function bearer(request: IncomingMessage): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(request.headers.authorization ?? '');
  return match ? match[1]! : null;
}

/** The client's address: the connection's, or with `trustProxy` the last X-Forwarded-For hop (the one the proxy saw). */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = String(request.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (forwarded) return forwarded;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

/** Whether the request comes from a page of this site (browsers send Origin on POST and on cross-site requests). */
export function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
