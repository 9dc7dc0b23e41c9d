// The helpers behind the course rules (src/analyzer/rules/course/): shell reading, package
// commands, image facts, the heavy-base catalogue, target roles and the image's commands.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { defaultCommand, parseImage, startsAsRoot } from '../../src/analyzer/rules/course/support/base-images.ts';
import { copyFromStage, copySources } from '../../src/analyzer/rules/course/support/copy.ts';
import { imageCommands } from '../../src/analyzer/rules/course/support/final-image.ts';
import { heavyBase } from '../../src/analyzer/rules/course/support/heavy-bases.ts';
import { installsFromManifest, optionValues, packageCommand, packageSpec, requirementFiles } from '../../src/analyzer/rules/course/support/packages.ts';
import { runCommands } from '../../src/analyzer/rules/course/support/run-scripts.ts';
import { simpleCommand, splitCommands, type ShellWord } from '../../src/analyzer/rules/course/support/shell.ts';
import { shippedStage, stageRole } from '../../src/analyzer/rules/course/support/target.ts';
import { isDevRequirementsFile } from '../../src/analyzer/rules/course/test-tools-in-final-image.ts';
import type { RuleContext } from '../../src/analyzer/rules/types.ts';

const programs = (script: string) => splitCommands(script).map((c) => c.words.map((w) => w.value).join(' '));
/** Words of a command line split on spaces (for package-command tests). */
const words = (line: string): ShellWord[] => splitCommands(line)[0]!.words;
const pc = (line: string) => packageCommand(words(line));

function context(text: string, options: { target?: string; buildArgs?: Record<string, string> } = {}): RuleContext {
  const analysis = analyze(text, { ...options, rules: false });
  const finalStage = analysis.stages[analysis.target.index] ?? null;
  return { text, analysis, options: { ...options, builder: 'buildkit' }, dockerignore: null, finalStage, targetLabel: options.target ?? 'the default target' };
}

describe('splitCommands', () => {
  it('splits on &&, ||, ;, |, &, parentheses and newlines', () => {
    expect(programs('a 1 && b || c; d | e & f\n(g)')).toEqual(['a 1', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('removes quotes and applies escapes, keeping offsets of the words as written', () => {
    const [command] = splitCommands(`echo "a b" 'c d' e\\ f`);
    expect(command!.words.map((w) => w.value)).toEqual(['echo', 'a b', 'c d', 'e f']);
    expect(command!.words.map((w) => [w.start, w.end])).toEqual([
      [0, 4],
      [5, 10],
      [11, 16],
      [17, 21],
    ]);
  });

  it('joins continuation lines and skips comments', () => {
    expect(programs('# apt-get install gcc\napt-get install \\\n  gcc # the compiler\n')).toEqual(['apt-get install gcc']);
  });

  it('drops redirections and their targets', () => {
    expect(programs('npm ci > /dev/null 2>&1 && cat <file')).toEqual(['npm ci', 'cat']);
  });

  it('skips the bodies of here-documents', () => {
    expect(programs('cat <<EOF > /etc/app.conf\napt-get install gcc\nEOF\napk add make\n')).toEqual(['cat', 'apk add make']);
    expect(programs('cat <<-EOF\n\tnot a command\n\tEOF\nls')).toEqual(['cat', 'ls']);
  });

  it('keeps command substitutions in one word', () => {
    expect(programs('pip install $(cat reqs | grep x) "$(echo a; echo b)"')).toEqual(['pip install $(cat reqs | grep x) $(echo a; echo b)']);
  });

  it('sets aside assignments, reserved words and wrappers', () => {
    const command = splitCommands('DEBIAN_FRONTEND=noninteractive sudo -E -u root apt-get install gcc')[0]!;
    expect(command.words.map((w) => w.value)).toEqual(['apt-get', 'install', 'gcc']);
    expect(command.assignments).toEqual({ DEBIAN_FRONTEND: 'noninteractive' });
    expect(programs('if true; then env NODE_ENV=production npm ci; fi')).toEqual(['true', 'npm ci']);
    expect(simpleCommand(words('nohup exec command ls -l')).words.map((w) => w.value)).toEqual(['ls', '-l']);
  });
});

describe('packageCommand', () => {
  it('reads options before and after the subcommand, with their values', () => {
    const apt = pc('apt-get -qq -y install --no-install-recommends -o Dpkg::Options::=--force-confnew gcc=4:12.2 make')!;
    expect([apt.tool, apt.verb, apt.args.map((w) => w.value)]).toEqual(['apt', 'install', ['gcc=4:12.2', 'make']]);
    const apk = pc('apk --no-cache add --virtual .build-deps gcc musl-dev')!;
    expect(apk.args.map((w) => w.value)).toEqual(['gcc', 'musl-dev']);
    expect(optionValues(apk, '-t', '--virtual')).toEqual(['.build-deps']);
  });

  it('recognises the ways pip is run', () => {
    for (const line of ['pip install x', 'pip3.12 install x', 'python3 -m pip install x', 'uv pip install x']) {
      expect([pc(line)!.tool, pc(line)!.verb]).toEqual(['pip', 'install']);
    }
    const files = requirementFiles(pc('pip install -r requirements.txt --requirement=dev.txt -rtest.txt')!);
    expect(files.map((f) => f.file)).toEqual(['requirements.txt', 'dev.txt', 'test.txt']);
  });

  it('resolves subcommand aliases and multi-word subcommands', () => {
    expect(pc('npm i')!.verb).toBe('install');
    expect(pc('npm clean-install')!.verb).toBe('ci');
    expect(pc('npm install -g pm2')!.global).toBe(true);
    expect([pc('yarn')!.verb, pc('yarn --frozen-lockfile')!.verb, pc('yarn build')!.verb]).toEqual(['install', 'install', 'build']);
    const global = pc('yarn global add jest')!;
    expect([global.verb, global.global, global.args.map((w) => w.value)]).toEqual(['add', true, ['jest']]);
    expect(pc('dnf -y group install "Development Tools"')!.verb).toBe('groupinstall');
    expect(pc('go mod download')!.verb).toBe('mod download');
    expect([pc('uv sync --no-dev')!.tool, pc('uv sync --no-dev')!.verb]).toEqual(['uv', 'sync']);
    expect([pc('php composer.phar install')!.tool, pc('php composer.phar install')!.verb]).toEqual(['composer', 'install']);
    expect(pc('make install')).toBeNull();
  });

  it('names the words of the tool and its subcommand', () => {
    expect(pc('python3 -m pip --no-cache-dir install flask')!.words.map((w) => w.value)).toEqual(['python3', '-m', 'pip', 'install']);
  });

  it('tells manifest installs from installs of named packages', () => {
    const manifest = (line: string) => installsFromManifest(pc(line)!);
    expect(
      ['npm ci', 'npm install', 'yarn', 'pnpm i', 'pip install -r r.txt', 'poetry install', 'uv sync', 'bundle', 'composer install', 'go mod download'].map(
        manifest,
      ),
    ).toEqual(Array(10).fill(true));
    expect(['npm install express', 'npm install -g pm2', 'yarn add jest', 'pip install flask', 'go build'].map(manifest)).toEqual(Array(5).fill(false));
  });
});

describe('packageSpec', () => {
  it('strips versions, releases and architectures', () => {
    expect(packageSpec('apk', 'gcc=13.2.1-r0')?.name).toBe('gcc');
    expect(packageSpec('apk', 'go@community')?.name).toBe('go');
    expect(packageSpec('apt', 'gcc:amd64')?.name).toBe('gcc');
    expect(packageSpec('apt', 'g++/bookworm')?.name).toBe('g++');
    expect(packageSpec('pip', 'Pytest_Cov>=4')?.name).toBe('pytest-cov');
    expect(packageSpec('npm', '@playwright/test@1.45')?.name).toBe('@playwright/test');
    expect(packageSpec('npm', 'jest@29')?.name).toBe('jest');
    expect(packageSpec('composer', 'phpunit/phpunit:^10')?.name).toBe('phpunit/phpunit');
  });

  it('reads pip extras, and gives no name for paths, URLs and variables', () => {
    expect(packageSpec('pip', '.[dev, test]')).toEqual({ name: '', extras: ['dev', 'test'] });
    expect(packageSpec('pip', 'mypkg[testing]==1.0')).toEqual({ name: 'mypkg', extras: ['testing'] });
    expect(packageSpec('npm', './local-pkg')).toBeNull();
    expect(packageSpec('npm', 'git+https://example.com/x.git')).toBeNull();
    expect(packageSpec('apk', '$PACKAGES')).toBeNull();
  });
});

describe('runCommands', () => {
  const commandsOf = (text: string, index = 1) => {
    const ctx = context(text);
    return runCommands(ctx, ctx.analysis.instructions[index]!);
  };
  const at = (word: { range: { start: { line: number; column: number }; end: { line: number; column: number } } }) =>
    `${word.range.start.line}:${word.range.start.column}-${word.range.end.line}:${word.range.end.column}`;

  it('maps shell-form words back to the source across continuation lines', () => {
    const [, install] = commandsOf('FROM alpine\nRUN apk update && \\\n  # a comment\n    apk add gcc&&echo ok\n');
    expect(install!.words.map((w) => w.value)).toEqual(['apk', 'add', 'gcc']);
    expect(at(install!.words[2]!)).toBe('4:13-4:16');
  });

  it('honours the escape directive', () => {
    const [command] = commandsOf('# escape=`\nFROM alpine\nRUN apk add `\n  gcc\n');
    expect(at(command!.words[2]!)).toBe('4:3-4:6');
  });

  it('reads exec form, and the script of sh -c', () => {
    expect(at(commandsOf('FROM alpine\nRUN ["apk", "add", "gcc"]\n')[0]!.words[2]!)).toBe('2:21-2:24');
    const [, second] = commandsOf('FROM alpine\nRUN ["/bin/sh", "-c", "apk update && apk add gcc"]\n');
    expect(second!.words.map((w) => w.value)).toEqual(['apk', 'add', 'gcc']);
    expect(at(second!.words[2]!)).toBe('2:46-2:49');
  });

  it('runs heredoc bodies that the RUN executes as shell scripts', () => {
    const body = commandsOf('FROM alpine\nRUN <<EOF\nset -e\napk add \\\n  gcc\nEOF\n');
    expect(body.map((c) => c.words[0]!.value)).toEqual(['set', 'apk']);
    expect(at(body[1]!.words[2]!)).toBe('5:3-5:6');
    expect(commandsOf('FROM alpine\nRUN bash <<EOF\napk add gcc\nEOF\n').map((c) => c.words[0]!.value)).toEqual(['bash', 'apk']);
    expect(commandsOf('FROM alpine\nRUN cat <<EOF > /x\napk add gcc\nEOF\n').map((c) => c.words[0]!.value)).toEqual(['cat']);
    expect(commandsOf('FROM alpine\nRUN <<EOF\n#!/usr/bin/env python3\nprint("apk add gcc")\nEOF\n')).toEqual([]);
  });

  it('does not read scripts for a non-POSIX SHELL, inherited from a base stage', () => {
    const text =
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nSHELL ["powershell", "-Command"]\nFROM base\nRUN choco install make\nRUN ["cmd", "/c", "dir"]\n';
    expect(commandsOf(text, 3)).toEqual([]);
    expect(commandsOf(text, 4)[0]!.words.map((w) => w.value)).toEqual(['cmd', '/c', 'dir']);
    expect(commandsOf('FROM alpine\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN apk add gcc\n', 2)).toHaveLength(1);
  });
});

describe('images', () => {
  it('parses references, dropping Docker Hub prefixes and digests', () => {
    expect(parseImage('node')).toEqual({ repository: 'node', tag: null });
    expect(parseImage('docker.io/library/node:20-slim@sha256:abc')).toEqual({ repository: 'node', tag: '20-slim' });
    expect(parseImage('localhost:5000/team/app:1.2')).toEqual({ repository: 'localhost:5000/team/app', tag: '1.2' });
  });

  it('knows which images start as root', () => {
    expect(startsAsRoot(parseImage('alpine:3.20'))).toBe(true);
    expect(startsAsRoot(parseImage('gcr.io/distroless/static-debian12'))).toBe(true);
    expect(startsAsRoot(parseImage('gcr.io/distroless/static-debian12:nonroot'))).toBe(false);
    expect(startsAsRoot(parseImage('gcr.io/distroless/base-debian12:debug-nonroot'))).toBe(false);
    expect(startsAsRoot(parseImage('mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled'))).toBe(false);
    expect(startsAsRoot(parseImage('cgr.dev/chainguard/node'))).toBe(false);
    expect(startsAsRoot(parseImage('registry.example.com/team/base:1'))).toBe(false);
  });

  it('knows the default command of the language images', () => {
    expect(defaultCommand(parseImage('node:20-alpine'))?.command).toBe('node');
    expect(defaultCommand(parseImage('python:3.12-slim'))?.command).toBe('python3');
    expect(defaultCommand(parseImage('alpine:3.20'))).toBeNull();
  });
});

describe('heavyBase', () => {
  const alternatives = (ref: string) => heavyBase(parseImage(ref))?.alternatives ?? null;

  it('finds the full variants and names the slim ones', () => {
    expect(alternatives('node:20')).toEqual(['node:20-slim', 'node:20-alpine']);
    expect(alternatives('node')).toEqual(['node:slim', 'node:alpine']);
    expect(alternatives('python:3.12-bookworm')).toEqual(['python:3.12-bookworm-slim', 'python:3.12-alpine']);
    expect(alternatives('debian:bookworm')).toEqual(['debian:bookworm-slim']);
    expect(heavyBase(parseImage('node:20'))?.family.kind).toBe('full');
  });

  it('leaves lean variants and unknown images alone', () => {
    for (const ref of [
      'node:20-slim',
      'python:3.12-alpine',
      'debian:bookworm-slim',
      'ubuntu:24.04',
      'eclipse-temurin:21-jre',
      'buildpack-deps:bookworm-curl',
      'node:${NODE_VERSION}',
    ]) {
      expect(heavyBase(parseImage(ref)), ref).toBeNull();
    }
  });

  it('classes toolchain images, with a runtime to use instead', () => {
    expect(heavyBase(parseImage('golang:1.23-alpine'))?.family.kind).toBe('toolchain');
    expect(alternatives('eclipse-temurin:21')).toEqual(['eclipse-temurin:21-jre']);
    expect(alternatives('eclipse-temurin:21-alpine')).toEqual(['eclipse-temurin:21-jre-alpine']);
    expect(alternatives('eclipse-temurin:21-jdk-jammy')).toEqual(['eclipse-temurin:21-jre-jammy']);
    expect(alternatives('maven:3.9-eclipse-temurin-21')).toEqual(['eclipse-temurin:21-jre']);
    expect(alternatives('gradle:8.10-jdk17')).toEqual(['eclipse-temurin:17-jre']);
    expect(alternatives('mcr.microsoft.com/dotnet/sdk:8.0')).toEqual(['mcr.microsoft.com/dotnet/aspnet:8.0', 'mcr.microsoft.com/dotnet/runtime:8.0']);
  });
});

describe('stageRole', () => {
  const role = (name: string) => stageRole(analyze(`FROM alpine AS ${name}\n`, { rules: false }).stages[0]!);

  it('reads what a stage is for from the words of its name', () => {
    expect(['prod', 'runtime', 'prod-api', 'release'].map(role)).toEqual(['ship', 'ship', 'ship', 'ship']);
    expect(['dev', 'debug'].map(role)).toEqual(['dev', 'dev']);
    expect(['test', 'build', 'build-deps', 'export'].map(role)).toEqual(['step', 'step', 'step', 'step']);
    expect(role('myservice')).toBe('unknown');
  });
});

describe('shippedStage', () => {
  const GO = 'FROM golang:1.23 AS build\nRUN go build -o /out/api .\n\nFROM build AS test\nRUN go test ./...\n';

  it('is the default target whatever its name: a plain docker build ships the last stage', () => {
    expect(shippedStage(context('FROM golang:1.23 AS build\nRUN go build -o /out/api .\n'))?.name).toBe('build');
    expect(shippedStage(context(GO))?.name).toBe('test');
    expect(shippedStage(context('FROM alpine:3.20 AS dev\n'))?.name).toBe('dev');
  });

  it('is a requested target unless its name says development or build step', () => {
    expect(shippedStage(context(GO, { target: 'test' }))).toBeNull();
    expect(shippedStage(context(GO, { target: 'build' }))).toBeNull();
    expect(shippedStage(context('FROM alpine:3.20 AS api\nFROM api AS dev\n', { target: 'api' }))?.name).toBe('api');
    expect(shippedStage(context('FROM alpine:3.20 AS myservice\nFROM alpine:3.20 AS dev\n', { target: 'myservice' }))?.name).toBe('myservice');
  });
});

describe('imageCommands', () => {
  it('walks the stage chain with the environment each command sees', () => {
    const text = [
      'FROM node:20-slim AS base',
      'ENV NODE_ENV=production',
      'ARG MODE=fast',
      'FROM base AS prod',
      'ARG LEVEL',
      'RUN export A=1 && B=2 npm ci && npm test',
      '',
    ].join('\n');
    const commands = imageCommands(context(text, { buildArgs: { LEVEL: 'high' } }), 1);
    expect(commands.map((c) => c.words[0]!.value)).toEqual(['export', 'npm', 'npm']);
    const [, ci, test] = commands;
    expect(Object.fromEntries(ci!.env)).toEqual({ NODE_ENV: 'production', LEVEL: 'high', A: '1', B: '2' });
    expect(test!.env.has('B')).toBe(false);
    expect(test!.env.has('MODE')).toBe(false);
  });
});

describe('copy helpers', () => {
  it('reads COPY sources and the stage a COPY --from names', () => {
    const ctx = context('FROM alpine AS build\nFROM alpine\nCOPY --from=build --chown=1:1 /a /b /dest/\nCOPY ["x y", "/z"]\n');
    const [, , copy, exec] = ctx.analysis.instructions;
    expect(copySources(copy!)).toEqual(['/a', '/b']);
    expect(copySources(exec!)).toEqual(['x y']);
    expect(copyFromStage(ctx, copy!)?.index).toBe(0);
    expect(copyFromStage(ctx, exec!)).toBeNull();
  });
});

describe('isDevRequirementsFile', () => {
  it('recognises development and test requirement files', () => {
    for (const file of ['requirements-dev.txt', 'requirements_test.txt', 'dev-requirements.txt', 'requirements/testing.txt', 'test-requirements.in']) {
      expect(isDevRequirementsFile(file), file).toBe(true);
    }
    for (const file of ['requirements.txt', 'requirements/prod.txt', '/opt/dev/requirements.txt', 'devops.txt']) {
      expect(isDevRequirementsFile(file), file).toBe(false);
    }
  });
});
