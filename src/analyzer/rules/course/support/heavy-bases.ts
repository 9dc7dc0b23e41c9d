// The catalogue of base images that are much larger than a running program needs, and
// what to run on instead. Two kinds:
//  - toolchain images exist to build software (golang, rust, maven, gradle, JDKs, the .NET
//    SDK, buildpack-deps): build-tools-in-final-image reports them as a final base;
//  - full variants of runtime images (node, python, ruby, debian) that have an official
//    slimmer variant: heavy-final-base reports them.
// Sizes are deliberately not quoted (they change with every release); what each image
// ships is stated instead. Deliberately absent:
//  - ubuntu: the official image has no slim variant and is already minimised; the
//    alternatives (distroless, chiselled images) are different images, not a variant.
//  - php, httpd, nginx, alpine, *-slim tags: already the lean variants of their families.

import type { ImageName } from './base-images.ts';

export interface BaseFamily {
  /** Repositories of the family, as `parseImage` gives them. */
  repositories: readonly string[];
  kind: 'toolchain' | 'full';
  /** What the image is: `the Go toolchain image`. */
  what: string;
  /** What it ships that a running program does not need (follows `which ships`). */
  why: string;
  /** `much larger` or `larger`: how it compares with the alternatives. */
  comparison: 'much larger' | 'larger';
  /** True when this tag (`latest` when none is written) is the heavy variant. */
  heavy(tag: string): boolean;
  /** Leaner images to run on, most similar first. */
  alternatives(image: ImageName): string[];
}

const DEBIAN_SUITES = /^(buster|bullseye|bookworm|trixie|sid)$/;
const NON_LINUX = /windowsservercore|nanoserver/;

/** The leading version of a tag: `20.11-bookworm` → `20.11`; null for `latest`, `lts`… */
function leadingVersion(tag: string | null): string | null {
  return /^\d[\w.]*?(?=-|$)/.exec(tag ?? '')?.[0] ?? null;
}

/** The Java version in a maven/gradle tag: `3.9-eclipse-temurin-21` → `21`, `8.10-jdk21` → `21`. */
function javaVersion(tag: string | null): string {
  return /(?:temurin|openjdk|corretto|sapmachine|semeru|jdk)-?(\d+)/.exec(tag ?? '')?.[1] ?? '<java version>';
}

/** A slim/alpine pair for the official language images: `20-bookworm` → `20-bookworm-slim`, `20-alpine`. */
function slimAndAlpine(repository: string, tag: string | null): string[] {
  const base = tag === null || tag === 'latest' ? '' : tag;
  const version = base.replace(/-(buster|bullseye|bookworm|trixie)$/, '');
  return [`${repository}:${base ? `${base}-` : ''}slim`, `${repository}:${version ? `${version}-` : ''}alpine`];
}

/** `21-jdk-jammy` → `21-jre-jammy`; `21-alpine` → `21-jre-alpine`; `21` → `21-jre`. */
function jreTag(tag: string | null): string {
  if (tag !== null && tag.includes('jdk')) return tag.replace('jdk', 'jre');
  const version = leadingVersion(tag);
  if (version === null) return '<java version>-jre';
  return tag === version ? `${version}-jre` : `${version}-jre${tag!.slice(version.length)}`;
}

const JDK = {
  kind: 'toolchain',
  what: 'a JDK image',
  why: 'the javac compiler, jar, jlink and the other development tools, where running an application needs only a JRE',
  comparison: 'much larger',
} as const;

export const BASE_FAMILIES: readonly BaseFamily[] = [
  {
    repositories: ['golang'],
    kind: 'toolchain',
    what: 'the Go toolchain image',
    why: 'the Go compiler, the standard library sources and the build tools, none of which a compiled Go program needs',
    comparison: 'much larger',
    heavy: () => true,
    alternatives: () => ['gcr.io/distroless/static-debian12', 'alpine:3.20', 'scratch'],
  },
  {
    repositories: ['rust'],
    kind: 'toolchain',
    what: 'the Rust toolchain image',
    why: 'rustc, cargo and a C toolchain for linking, none of which a compiled Rust program needs',
    comparison: 'much larger',
    heavy: () => true,
    alternatives: () => ['gcr.io/distroless/cc-debian12', 'debian:bookworm-slim'],
  },
  {
    repositories: ['maven', 'gradle'],
    kind: 'toolchain',
    what: 'a Java build-tool image',
    why: 'the build tool and a full JDK (the javac compiler and development tools), where running the application needs only a JRE',
    comparison: 'much larger',
    heavy: () => true,
    alternatives: (image) => [`eclipse-temurin:${javaVersion(image.tag)}-jre`],
  },
  {
    // Every eclipse-temurin, openjdk and amazoncorretto tag without `jre` is a JDK.
    repositories: ['eclipse-temurin', 'openjdk', 'amazoncorretto'],
    ...JDK,
    heavy: (tag) => !tag.includes('jre') && !NON_LINUX.test(tag),
    alternatives: (image) =>
      image.repository === 'eclipse-temurin'
        ? [`eclipse-temurin:${jreTag(image.tag)}`]
        : [`eclipse-temurin:${leadingVersion(image.tag) ?? '<java version>'}-jre`],
  },
  {
    // These name the variant in the tag (`open-21-jdk-jammy`, `21-jdk-ubuntu`).
    repositories: ['ibm-semeru-runtimes', 'sapmachine'],
    ...JDK,
    heavy: (tag) => tag.includes('jdk'),
    alternatives: (image) => [`${image.repository}:${(image.tag ?? '').replace('jdk', 'jre')}`],
  },
  {
    repositories: ['mcr.microsoft.com/dotnet/sdk'],
    kind: 'toolchain',
    what: 'the .NET SDK image',
    why: 'compilers, MSBuild and NuGet, where a published application needs only the runtime',
    comparison: 'much larger',
    heavy: () => true,
    alternatives: (image) => [`mcr.microsoft.com/dotnet/aspnet:${image.tag ?? 'latest'}`, `mcr.microsoft.com/dotnet/runtime:${image.tag ?? 'latest'}`],
  },
  {
    // The `-curl` and `-scm` variants carry no compiler.
    repositories: ['buildpack-deps'],
    kind: 'toolchain',
    what: 'a buildpack-deps image',
    why: 'gcc, make and many -dev header packages, there to compile software',
    comparison: 'much larger',
    heavy: (tag) => !/(curl|scm)$/.test(tag),
    alternatives: (image) => {
      const suite = image.tag ?? 'latest';
      if (suite === 'latest') return ['debian:stable-slim'];
      return DEBIAN_SUITES.test(suite) ? [`debian:${suite}-slim`] : [`ubuntu:${suite}`];
    },
  },
  {
    // The full node, python and ruby tags are built FROM buildpack-deps.
    repositories: ['node', 'python', 'ruby'],
    kind: 'full',
    what: 'the full variant',
    why: 'compilers, make, git and many -dev header packages (it is built on buildpack-deps, so that native extensions can be compiled), which a running program rarely needs',
    comparison: 'much larger',
    heavy: (tag) => !/slim|alpine/.test(tag) && !NON_LINUX.test(tag),
    alternatives: (image) => slimAndAlpine(image.repository, image.tag),
  },
  {
    repositories: ['debian'],
    kind: 'full',
    what: 'the full variant',
    why: 'documentation, man pages and other files that the slim variant removes because containers rarely need them',
    comparison: 'larger',
    heavy: (tag) => !tag.includes('slim') && !tag.includes('backports') && !tag.startsWith('rc-'),
    alternatives: (image) => [`debian:${image.tag === null || image.tag === 'latest' ? 'stable' : image.tag}-slim`],
  },
];

export interface HeavyBase {
  family: BaseFamily;
  alternatives: string[];
}

/** The catalogue entry when `image` is the heavy variant of its family; null otherwise. */
export function heavyBase(image: ImageName): HeavyBase | null {
  const tag = image.tag ?? 'latest';
  if (tag.includes('$')) return null;
  const family = BASE_FAMILIES.find((f) => f.repositories.includes(image.repository));
  if (!family || !family.heavy(tag)) return null;
  return { family, alternatives: family.alternatives(image) };
}
