// containerd's platforms.Parse, as far as BuildKit's checks need it: `os[/arch[/variant]]`,
// normalised (x86_64 → amd64, aarch64 → arm64, macos → darwin …), for a linux/amd64 host.

export interface Platform {
  os: string;
  architecture: string;
  variant: string;
}

const KNOWN_OS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'js',
  'linux',
  'nacl',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'windows',
  'zos',
]);
const KNOWN_ARCH = new Set([
  '386',
  'amd64',
  'amd64p32',
  'arm',
  'armbe',
  'arm64',
  'arm64be',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'mips64p32',
  'mips64p32le',
  'ppc',
  'ppc64',
  'ppc64le',
  'riscv',
  'riscv64',
  's390',
  's390x',
  'sparc',
  'sparc64',
  'wasm',
]);
const COMPONENT = /^[A-Za-z0-9_-]+$/;

function normalizeOS(os: string): string {
  const lower = os.toLowerCase();
  return lower === 'macos' ? 'darwin' : lower;
}

function normalizeArch(arch: string, variant: string): [string, string] {
  const a = arch.toLowerCase();
  const v = variant.toLowerCase();
  switch (a) {
    case 'i386':
      return ['386', ''];
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', v === 'v1' ? '' : v];
    case 'aarch64':
    case 'arm64':
      return ['arm64', v === '8' || v === 'v8' ? '' : v];
    case 'armhf':
      return ['arm', 'v7'];
    case 'armel':
      return ['arm', 'v6'];
    case 'arm':
      return ['arm', v === '' || v === '7' ? 'v7' : v === '5' || v === '6' || v === '8' ? `v${v}` : v];
    default:
      return [a, v];
  }
}

/** The platform a `--platform` value names, or null where containerd rejects it. */
export function parsePlatform(specifier: string): Platform | null {
  const parts = specifier.split('/');
  if (specifier.includes('*') || parts.some((part) => !COMPONENT.test(part))) return null;
  if (parts.length === 1) {
    const os = normalizeOS(parts[0]!);
    if (KNOWN_OS.has(os)) return { os, architecture: 'amd64', variant: '' };
    const [architecture, variant] = normalizeArch(parts[0]!, '');
    return KNOWN_ARCH.has(architecture) ? { os: 'linux', architecture, variant: architecture === 'arm' && variant === 'v7' ? '' : variant } : null;
  }
  if (parts.length > 3) return null;
  const [architecture, variant] = normalizeArch(parts[1]!, parts[2] ?? '');
  return { os: normalizeOS(parts[0]!), architecture, variant };
}
