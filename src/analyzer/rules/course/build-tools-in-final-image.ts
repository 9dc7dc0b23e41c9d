// Compilers and build toolchains in the image a target produces: installed there with a
// system package manager, or brought in by a toolchain base image (golang, rust, JDK…).

import type { Range } from '../../model.ts';
import type { Finding, Rule, RuleContext } from '../types.ts';
import { imageText } from './support/base-images.ts';
import { imageCommands, rootBase } from './support/final-image.ts';
import { heavyBase } from './support/heavy-bases.ts';
import { optionValues, packageCommand, packageSpec, type Tool } from './support/packages.ts';
import { capitalize, imageOf, shippedStage, SHIPPED_TARGETS_ONLY, whereIn } from './support/target.ts';

/** System packages that are compilers or build toolchains, and what each one is. */
const TOOLCHAIN_PACKAGES: ReadonlyArray<{ match: string | RegExp; what: string }> = [
  // Meta-packages that pull in a whole C/C++ toolchain (compilers, make, libc headers).
  { match: 'build-base', what: "Alpine's C/C++ toolchain meta-package with gcc, g++, make and libc headers" },
  { match: 'build-essential', what: "Debian's C/C++ toolchain meta-package with gcc, g++, make and libc headers" },
  // C, C++ and Fortran compilers, also versioned (gcc-12, clang-16).
  { match: /^(gcc|g\+\+|clang|gfortran)(-\d+(\.\d+)*)?$/, what: 'a C/C++ compiler' },
  { match: 'gcc-c++', what: 'the C++ compiler, as RPM names it' },
  { match: /^llvm(-\d+)?$/, what: 'the LLVM compiler infrastructure' },
  // Build systems: only needed to run a build.
  { match: /^(make|cmake|ninja|ninja-build|meson|autoconf|automake|libtool)$/, what: 'a build system' },
  // Language toolchains: a compiled program does not need its compiler.
  { match: /^(go|golang|golang-go)$|^golang-\d+(\.\d+)*(-go)?$/, what: 'the Go toolchain' },
  { match: /^(rust|rustc|cargo)$/, what: 'the Rust toolchain' },
  { match: /^(maven|gradle|ant)$/, what: 'a Java build tool, which pulls in a JDK' },
  // A JDK (javac and development tools) where a JRE runs the application.
  {
    match: /^(default-jdk(-headless)?|openjdk-\d+-jdk(-headless)?|openjdk\d+(-jdk)?|java-[\d.]+-openjdk-devel|temurin-\d+-jdk)$/,
    what: 'a JDK with the javac compiler and development tools',
  },
  { match: /^dotnet-sdk-[\d.]+$/, what: 'the .NET SDK' },
];

const SYSTEM_TOOLS: ReadonlySet<Tool> = new Set(['apk', 'apt', 'rpm', 'zypper']);

function toolchainPackage(name: string): string | null {
  const entry = TOOLCHAIN_PACKAGES.find(({ match }) => (typeof match === 'string' ? match === name : match.test(name)));
  return entry?.what ?? null;
}

interface Installed {
  name: string;
  what: string;
  range: Range;
  where: string;
  tool: Tool;
}

function installedToolchains(context: RuleContext, index: number): Installed[] {
  // Packages still installed at the end, by name; `apk add --virtual` groups by virtual name.
  const installed = new Map<string, Installed>();
  const virtuals = new Map<string, string[]>();
  for (const command of imageCommands(context, index)) {
    const pc = packageCommand(command.words);
    if (!pc || !SYSTEM_TOOLS.has(pc.tool)) continue;
    if (pc.verb === 'install' || pc.verb === 'groupinstall') {
      const members: string[] = [];
      for (const word of pc.args) {
        const spec = packageSpec(pc.tool, word.value);
        if (!spec) continue;
        const group = pc.verb === 'groupinstall' || spec.name.startsWith('@');
        const name = spec.name.replace(/^@/, '');
        const what = group ? (/^development[- ]tools$/.test(name) ? 'the RPM group with gcc, make and the autotools' : null) : toolchainPackage(name);
        if (!what) continue;
        members.push(name);
        installed.set(name, { name, what, range: word.range, where: whereIn(context, command.stage), tool: pc.tool });
      }
      for (const virtual of optionValues(pc, '-t', '--virtual')) virtuals.set(virtual, members);
    } else if (pc.verb === 'remove') {
      for (const word of pc.args) {
        const name = packageSpec(pc.tool, word.value)?.name;
        if (!name) continue;
        for (const member of virtuals.get(name) ?? [name]) installed.delete(member);
      }
    }
  }
  return [...installed.values()];
}

function hintFor(item: Installed): string {
  const copy = 'Install it in a build stage and copy only what it builds into the final stage, e.g. `COPY --from=build /out/app /usr/local/bin/app`.';
  if (item.tool === 'apk') {
    return `${copy} If this stage must compile something itself, remove the tools in the same RUN: \`apk add --virtual .build-deps ${item.name} && … && apk del .build-deps\`.`;
  }
  return copy;
}

export const buildToolsInFinalImage: Rule = {
  meta: {
    id: 'build-tools-in-final-image',
    severity: 'warning',
    messages: {
      toolchainBase: 'The shipped image starts from a toolchain image (a compiler or SDK).',
      buildToolInstalled: 'A build tool is installed in a stage the shipped image is made of.',
    },
    description: 'Compilers and build toolchains should stay in build stages, out of the image a target produces.',
    rationale:
      'A multi-stage build exists so that the image you ship does not carry the tools that built it. gcc, make, the Go or Rust toolchain, Maven or a full JDK are needed to compile the program, not to run it: left in the final image they make it much larger, slower to pull, and give an attacker a compiler to work with. Install them in a build stage and copy only the result (a binary, a jar, a dist folder) into a small runtime stage. Files copied with COPY --from do not bring the tools of the stage they come from. Packages removed again later in the image (`apk del`, `apt-get purge`) are not reported. ' +
      SHIPPED_TARGETS_ONLY,
    hint: 'Build in a separate stage and copy only the output into the final stage: `COPY --from=build /out/app /usr/local/bin/app`.',
    sources: {},
    perTarget: true,
  },
  check(context) {
    const stage = shippedStage(context);
    if (!stage) return [];
    const findings: Finding[] = [];
    const base = rootBase(context, stage.index);
    const heavy = base?.image ? heavyBase(base.image) : null;
    if (base?.image && heavy?.family.kind === 'toolchain') {
      const image = imageText(base.image);
      findings.push({
        range: base.word.range,
        messageId: 'toolchainBase',
        message: `${capitalize(imageOf(context))} is based on ${image}, ${heavy.family.what}, which ships ${heavy.family.why}`,
        hint: `Build in a ${image} stage and start the final stage from a runtime image such as \`FROM ${heavy.alternatives[0]}\`, copying in only the build output.`,
      });
    }
    for (const item of installedToolchains(context, stage.index)) {
      findings.push({
        range: item.range,
        messageId: 'buildToolInstalled',
        message: `${item.name} (${item.what}) is installed ${item.where}`,
        hint: hintFor(item),
      });
    }
    return findings;
  },
  examples: {
    valid: [
      {
        code: 'FROM golang:1.23 AS build\nRUN apt-get update && apt-get install -y make\nRUN make\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
      },
      { code: 'FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install psycopg2 \\\n && apk del .build-deps\n' },
      { code: 'FROM alpine:3.20 AS test\nRUN apk add --no-cache build-base\n\nFROM alpine:3.20\nCMD ["true"]\n', options: { target: 'test' } },
    ],
    invalid: [
      {
        code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential curl\n',
        findings: [{ line: 2, column: 66, endLine: 2, endColumn: 81, messageId: 'buildToolInstalled', message: 'build-essential' }],
      },
      {
        code: 'FROM golang:1.23\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
        findings: [{ line: 1, column: 6, endLine: 1, endColumn: 17, messageId: 'toolchainBase', message: 'is based on golang:1.23, the Go toolchain image' }],
      },
      {
        note: 'The default target ships a clean image; --target app builds the stage with gcc.',
        code: 'FROM alpine:3.20 AS app\nRUN <<EOF\nset -e\napk add --no-cache gcc\nEOF\n\nFROM alpine:3.20 AS release\nCMD ["true"]\n',
        options: { target: 'app' },
        findings: [{ line: 4, column: 20, endLine: 4, endColumn: 23, messageId: 'buildToolInstalled', message: 'in the image for target "app"' }],
      },
      {
        code: 'FROM eclipse-temurin:21 AS base\nRUN ["apt-get", "install", "-y", "maven"]\n\nFROM base\nCMD ["java", "-jar", "/app.jar"]\n',
        findings: [
          { line: 1, column: 6, endLine: 1, endColumn: 24, messageId: 'toolchainBase', message: 'a JDK image' },
          {
            line: 2,
            column: 35,
            endLine: 2,
            endColumn: 40,
            messageId: 'buildToolInstalled',
            message: 'in stage "base", which the image for the default target',
          },
        ],
      },
    ],
  },
};
