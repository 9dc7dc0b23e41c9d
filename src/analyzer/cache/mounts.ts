// RUN --mount as it enters a cache key. BuildKit's ExecOp holds each mount's definition (type,
// target, id, sharing…), so editing one changes the key; what goes in the key besides is:
//   bind (the default type)   the files it mounts: from the build context, or the output of
//                             the stage named by from= (read-only mounts are matched by content)
//   cache, secret, ssh, tmpfs nothing more: a cache's contents and a secret's value never
//                             enter the key, which is why editing them re-runs nothing.

import type { Flag } from '../model.ts';

export interface Mount {
  type: string;
  /** Lower-cased field → value, as written. */
  fields: Map<string, string>;
  flag: Flag;
}

/** `type=cache,target=/root/.npm` → fields (BuildKit reads the value as one CSV record). */
export function parseMount(flag: Flag): Mount {
  const fields = new Map<string, string>();
  for (const part of (flag.value ?? '').split(',')) {
    const eq = part.indexOf('=');
    const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (key === '') continue;
    fields.set(
      key,
      eq === -1
        ? 'true'
        : part
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1'),
    );
  }
  return { type: (fields.get('type') ?? 'bind').toLowerCase(), fields, flag };
}

export function mountsOf(flags: readonly Flag[]): Mount[] {
  return flags.filter((flag) => flag.name === 'mount').map(parseMount);
}

/** The mount's definition as the key holds it: its fields in a fixed order. */
export function mountDefinition(mount: Mount): string {
  return [...mount.fields]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The build-context path a bind mount reads (`source`, default the context root), or null when
 *  the mount is not a bind mount of the context. */
export function contextBindSource(mount: Mount): string | null {
  if (mount.type !== 'bind' || mount.fields.has('from')) return null;
  return mount.fields.get('source') ?? mount.fields.get('src') ?? '.';
}

export function secretId(mount: Mount): string | null {
  if (mount.type !== 'secret') return null;
  const id = mount.fields.get('id');
  if (id) return id;
  const target = mount.fields.get('target') ?? mount.fields.get('dst') ?? mount.fields.get('destination');
  return target ? target.slice(target.lastIndexOf('/') + 1) : null;
}
