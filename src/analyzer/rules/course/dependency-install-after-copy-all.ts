// `COPY . .` followed in the same stage by a dependency install: every source change
// invalidates the install's cache.

import type { Instruction } from '../../model.ts';
import { instructionsWith } from '../support/instruction-index.ts';
import type { Finding, Rule } from '../types.ts';
import { copySources } from './support/copy.ts';
import { installsFromManifest, packageCommand, requirementFiles, type PackageCommand } from './support/packages.ts';
import { runCommands, type CommandWord } from './support/run-scripts.ts';
import { stageName } from './support/target.ts';

/** `COPY . .`, `COPY ./ /app`, `ADD . .`: the whole build context. */
function copiesWholeContext(instruction: Instruction): boolean {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return false;
  if (instruction.flags.some((f) => f.name === 'from')) return false;
  return copySources(instruction).some((source) => source === '.' || source === './');
}

/** The files to copy before the install so that its layer is cached. */
function manifests(pc: PackageCommand<CommandWord>): string {
  switch (pc.tool) {
    case 'npm':
      return '`COPY package.json package-lock.json ./`';
    case 'yarn':
      return '`COPY package.json yarn.lock ./`';
    case 'pnpm':
      return '`COPY package.json pnpm-lock.yaml ./`';
    case 'pip':
      return `\`COPY ${requirementFiles(pc)
        .map((r) => r.file)
        .join(' ')} ./\``;
    case 'poetry':
      return '`COPY pyproject.toml poetry.lock ./` (then `poetry install --no-root`, as the project itself is not there yet)';
    case 'uv':
      return '`COPY pyproject.toml uv.lock ./` (then `uv sync --locked --no-install-project`)';
    case 'pipenv':
      return '`COPY Pipfile Pipfile.lock ./`';
    case 'bundle':
      return '`COPY Gemfile Gemfile.lock ./`';
    case 'composer':
      return '`COPY composer.json composer.lock ./` (then `composer install --no-scripts --no-autoloader`)';
    case 'go':
      return '`COPY go.mod go.sum ./`';
    default:
      return 'the dependency manifests';
  }
}

function firstInstall(context: Parameters<Rule['check']>[0], instructions: Instruction[]): PackageCommand<CommandWord> | null {
  for (const instruction of instructions) {
    for (const command of runCommands(context, instruction)) {
      const pc = packageCommand(command.words);
      if (pc && installsFromManifest(pc)) return pc;
    }
  }
  return null;
}

export const dependencyInstallAfterCopyAll: Rule = {
  meta: {
    id: 'dependency-install-after-copy-all',
    severity: 'info',
    messages: {
      installAfterCopyAll: 'A dependency install runs after a COPY of the whole build context, so every source change re-runs it.',
    },
    description: 'Copy the dependency manifests and install dependencies before copying the rest of the source.',
    rationale:
      'Docker reuses a cached layer only while everything before it is unchanged. After `COPY . .` any edit to any source file changes that layer, so the dependency install that follows runs again on every build, downloading everything anew. Copy only the files that declare the dependencies (package.json and its lock file, requirements.txt, go.mod…), install, and copy the rest afterwards: the install is then cached until the dependencies change. Every stage is checked, since any stage can be built. It is reported as info because the build is correct, only slower.',
    hint: 'Copy the manifests first, install, then copy the source: `COPY package.json package-lock.json ./`, then `RUN npm ci`, and `COPY . .` last.',
    sources: {},
  },
  check(context) {
    const findings: Finding[] = [];
    // Only COPY and ADD can copy the context: look at those, in file order.
    const copies = [...instructionsWith(context, 'COPY'), ...instructionsWith(context, 'ADD')].filter(copiesWholeContext);
    copies.sort((a, b) => a.range.start.offset - b.range.start.offset);
    for (const instruction of copies) {
      const stage = context.analysis.stages[instruction.stage];
      if (!stage) continue;
      const pc = firstInstall(context, stage.instructions.slice(stage.instructions.indexOf(instruction) + 1));
      if (!pc) continue;
      const text = pc.words.map((w) => w.value).join(' ');
      findings.push({
        range: instruction.range,
        messageId: 'installAfterCopyAll',
        message: `${instruction.keyword} ${instruction.argsText} copies the whole build context before \`${text}\` (line ${pc.words[0]!.range.start.line}) in ${stageName(stage)}: any source change re-runs the install`,
        hint: `Copy only the dependency files first, e.g. ${manifests(pc)}, run \`${text}\`, then ${instruction.keyword} ${instruction.argsText}.`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n' },
      { code: 'FROM golang:1.23\nCOPY . .\nRUN go build -o /app .\n' },
      { code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n' },
    ],
    invalid: [
      {
        code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
        findings: [
          {
            line: 3,
            column: 1,
            endLine: 3,
            endColumn: 9,
            messageId: 'installAfterCopyAll',
            message: 'COPY . . copies the whole build context before `npm ci` (line 4)',
          },
        ],
      },
      {
        code: 'FROM python:3.12-slim AS build\nADD . /src\nWORKDIR /src\nRUN pip install --no-cache-dir -r requirements.txt\n',
        findings: [{ line: 2, column: 1, endLine: 2, endColumn: 11, messageId: 'installAfterCopyAll', message: 'before `pip install`' }],
      },
      {
        code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN go build -o /app .\n',
        findings: [{ line: 3, column: 1, endLine: 3, endColumn: 9, messageId: 'installAfterCopyAll' }],
      },
    ],
  },
};
