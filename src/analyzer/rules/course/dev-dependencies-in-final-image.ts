// Dependency installs that include development dependencies, in the image a target produces.
// (`pip install -r requirements-dev.txt` is test-tools-in-final-image's.)

import { stageChain } from '../support/stage-chain.ts';
import type { Finding, Rule, RuleContext } from '../types.ts';
import type { CommandEnv } from './support/command-env.ts';
import { copyFromStage, copySources } from './support/copy.ts';
import { imageCommands } from './support/final-image.ts';
import { hasOption, installsFromManifest, optionValues, packageCommand, type PackageCommand } from './support/packages.ts';
import { span, type CommandWord } from './support/run-scripts.ts';
import { shippedStage, SHIPPED_TARGETS_ONLY, stageName, whereIn } from './support/target.ts';

type PC = PackageCommand<CommandWord>;

const TRUE = /^(1|true|yes|on)$/i;
const NODE_TOOLS = new Set(['npm', 'yarn', 'pnpm']);

/** An environment variable, case-insensitively (npm reads `npm_config_*` in any case). */
function envValue(env: CommandEnv, name: string): string | undefined {
  return env.getIgnoringCase(name);
}

function flag(pc: PC, ...names: string[]): boolean | null {
  const option = pc.options.find((o) => names.includes(o.name));
  if (!option) return null;
  return option.value === null || TRUE.test(option.value);
}

/**
 * Why the install includes development dependencies, or null when it leaves them out.
 * npm (7+) omits devDependencies with --omit=dev, --production, --only=prod or when
 * NODE_ENV=production; --include=dev wins over all of them. Yarn 1 and pnpm also honour
 * NODE_ENV=production.
 */
function includesDev(pc: PC, env: CommandEnv): string | null {
  const production = envValue(env, 'NODE_ENV') === 'production';
  switch (pc.tool) {
    case 'npm': {
      const include = [...optionValues(pc, '--include', '--also'), ...(envValue(env, 'npm_config_include') ?? '').split(/[,\s]+/)];
      if (include.some((v) => v === 'dev' || v === 'development') || flag(pc, '--production') === false || hasOption(pc, '--dev')) {
        return 'it asks for devDependencies explicitly';
      }
      if (optionValues(pc, '--only').some((v) => v === 'dev' || v === 'development')) return 'it installs only the devDependencies';
      const omit = [...optionValues(pc, '--omit').flatMap((v) => v.split(',')), ...(envValue(env, 'npm_config_omit') ?? '').split(/[,\s]+/)];
      if (omit.includes('dev') || flag(pc, '--production') || optionValues(pc, '--only').some((v) => /^prod(uction)?$/.test(v))) return null;
      if (production || TRUE.test(envValue(env, 'npm_config_production') ?? '')) return null;
      return 'there is no --omit=dev and NODE_ENV is not production';
    }
    case 'yarn': {
      const explicit = flag(pc, '--production', '--prod');
      if (explicit === false) return 'it asks for devDependencies explicitly';
      if (explicit || (production && pc.verb === 'install')) return null;
      return pc.verb === 'install' ? 'there is no --production and NODE_ENV is not production' : 'there is no --production';
    }
    case 'pnpm': {
      if (hasOption(pc, '--dev', '-D')) return 'it installs only the devDependencies';
      const explicit = flag(pc, '--prod', '-P', '--production');
      if (explicit === false) return 'it asks for devDependencies explicitly';
      if (explicit || production) return null;
      return 'there is no --prod and NODE_ENV is not production';
    }
    case 'poetry': {
      const only = optionValues(pc, '--only').flatMap((v) => v.split(','));
      if (only.length > 0) return only.every((g) => g.trim() === 'main') ? null : `--only ${only.join(',')} installs development groups`;
      if (optionValues(pc, '--without').some((v) => v.split(',').some((g) => g.trim() === 'dev')) || hasOption(pc, '--no-dev', '--only-root')) return null;
      return 'without --only main (or --without dev) Poetry installs the dev group too';
    }
    case 'uv': {
      if (hasOption(pc, '--no-dev', '--no-default-groups') || optionValues(pc, '--no-group').includes('dev')) return null;
      if (optionValues(pc, '--only-group').some((g) => g !== 'dev')) return null;
      if (TRUE.test(envValue(env, 'UV_NO_DEV') ?? '')) return null;
      return 'uv sync includes the dev group unless told --no-dev';
    }
    case 'pipenv':
      return hasOption(pc, '--dev', '-d') ? '--dev adds the [dev-packages]' : null;
    case 'composer':
      if (hasOption(pc, '--no-dev') || TRUE.test(envValue(env, 'COMPOSER_NO_DEV') ?? '')) return null;
      return 'without --no-dev Composer installs require-dev';
    case 'bundle':
      if (hasOption(pc, '--without', '--only') || envValue(env, 'BUNDLE_WITHOUT') || envValue(env, 'BUNDLE_ONLY')) return null;
      return 'Bundler installs every group (development and test included) unless told which to leave out';
    default:
      return null;
  }
}

const FIXES: Record<string, string> = {
  npm: 'Install production dependencies only in the image you ship: `RUN npm ci --omit=dev` (or set `ENV NODE_ENV=production` before it). Keep the full `npm ci` in the build stage, which needs the dev tools.',
  yarn: 'Install production dependencies only: `RUN yarn install --frozen-lockfile --production` (Yarn 1) or `RUN yarn workspaces focus --all --production` (Yarn 2+).',
  pnpm: 'Install production dependencies only: `RUN pnpm install --frozen-lockfile --prod`.',
  poetry: 'Install the main group only: `RUN poetry install --only main`.',
  uv: 'Leave out the dev group: `RUN uv sync --locked --no-dev`.',
  pipenv: 'Drop --dev in the image you ship: `RUN pipenv install --deploy`.',
  composer: 'Leave out require-dev: `RUN composer install --no-dev --optimize-autoloader`.',
  bundle: 'Leave out the development and test groups: `ENV BUNDLE_WITHOUT=development:test` before `RUN bundle install`.',
};

/** `bundle config set --local without 'development test'` earlier in the image. */
function configuresBundlerWithout(pc: PC): boolean {
  return pc.tool === 'bundle' && pc.verb === 'config' && pc.args.some((a) => a.value === 'without' || a.value === 'only' || a.value.startsWith('without'));
}

/** Tools whose dependency trees are shared (they all install into node_modules). */
function family(tool: string): string {
  return NODE_TOOLS.has(tool) ? 'node' : tool;
}

/**
 * A later install without dev dependencies that makes the environment match it exactly
 * removes the dev dependencies installed before: npm, Yarn and pnpm (node_modules is
 * rebuilt), `uv sync`, `composer install --no-dev`, `poetry install --sync`; so does
 * `npm prune --omit=dev` / `pnpm prune --prod`.
 */
function removesDev(pc: PC, env: CommandEnv): boolean {
  if (pc.verb === 'prune') return NODE_TOOLS.has(pc.tool) && includesDev({ ...pc, verb: 'install' }, env) === null;
  if (!installsFromManifest(pc) || includesDev(pc, env) !== null) return false;
  return family(pc.tool) === 'node' || pc.tool === 'uv' || pc.tool === 'composer' || (pc.tool === 'poetry' && hasOption(pc, '--sync'));
}

interface DevInstall {
  tool: string;
  /** The command as written: `npm ci`. */
  text: string;
  finding: Finding;
}

/** Installs with development dependencies in the image of stage `index` that nothing removed again. */
function devInstalls(context: RuleContext, index: number): DevInstall[] {
  const pending: DevInstall[] = [];
  let bundlerWithout = false;
  for (const command of imageCommands(context, index)) {
    const pc = packageCommand(command.words);
    if (!pc) continue;
    if (configuresBundlerWithout(pc)) bundlerWithout = true;
    if (removesDev(pc, command.env)) {
      for (let i = pending.length - 1; i >= 0; i--) if (family(pending[i]!.tool) === family(pc.tool)) pending.splice(i, 1);
    }
    if (!installsFromManifest(pc) || (pc.tool === 'bundle' && bundlerWithout)) continue;
    const why = includesDev(pc, command.env);
    if (why === null) continue;
    const text = pc.words.map((w) => w.value).join(' ');
    pending.push({
      tool: pc.tool,
      text,
      finding: {
        range: span(pc.words[0]!, pc.words[pc.words.length - 1]),
        messageId: 'devInstall',
        message: `\`${text}\` installs development dependencies ${whereIn(context, command.stage)}: ${why}`,
        hint: FIXES[pc.tool],
      },
    });
  }
  return pending;
}

export const devDependenciesInFinalImage: Rule = {
  meta: {
    id: 'dev-dependencies-in-final-image',
    severity: 'warning',
    messages: {
      devInstall: 'A command installs development dependencies in a stage the shipped image is made of.',
      devCopy: 'COPY --from brings in dependencies a build stage installed with their development ones.',
    },
    description: 'The image a target produces should install production dependencies only.',
    rationale:
      'Package managers install development dependencies by default: `npm ci` brings devDependencies (compilers, bundlers, linters, test runners), `poetry install` and `uv sync` the dev group, `composer install` require-dev, `bundle install` every group. A build stage needs them to compile and test, so a full install there is right. The image you ship needs only what the program imports at run time: install with --omit=dev / --production / --only main there, or set NODE_ENV=production first (npm, Yarn 1 and pnpm then leave devDependencies out), or copy node_modules from a stage that installed them that way. Copying node_modules from the build stage after a full `npm ci` brings every devDependency along, so that is reported too (unless the build stage ran `npm prune --omit=dev`). ' +
      SHIPPED_TARGETS_ONLY,
    hint: 'Install production dependencies only in the stage you ship, e.g. `RUN npm ci --omit=dev`.',
    sources: {},
    perTarget: true,
  },
  check(context) {
    const stage = shippedStage(context);
    if (!stage) return [];
    const findings = devInstalls(context, stage.index).map((p) => p.finding);
    // node_modules copied from a stage that installed devDependencies brings them along.
    for (const instruction of stageChain(context.analysis, stage.index).flatMap((s) => s.instructions)) {
      const modules = copySources(instruction).find((source) => /(^|\/)node_modules\/?$/.test(source));
      const source = modules === undefined ? null : copyFromStage(context, instruction);
      if (!source) continue;
      const install = devInstalls(context, source.index).find((p) => NODE_TOOLS.has(p.tool));
      if (!install) continue;
      findings.push({
        range: instruction.range,
        messageId: 'devCopy',
        message: `COPY --from=${instruction.flags.find((f) => f.name === 'from')!.value} ${modules} brings development dependencies ${whereIn(context, context.analysis.stages[instruction.stage]!)}: \`${install.text}\` (line ${install.finding.range.start.line}) installed them in ${stageName(source)}`,
        hint: `Prune them in ${stageName(source)} after building (\`RUN npm prune --omit=dev\`), or copy node_modules from a stage that ran \`npm ci --omit=dev\`.`,
      });
    }
    return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  },
  examples: {
    valid: [
      { code: 'FROM node:20 AS build\nRUN npm ci && npm run build\n\nFROM node:20-slim\nRUN npm ci --omit=dev\nCMD ["node", "dist/server.js"]\n' },
      { code: 'FROM node:20-slim\nENV NODE_ENV=production\nRUN npm ci\n' },
      { code: 'FROM node:20-slim\nRUN npm ci && npm run build && npm prune --omit=dev\n' },
      { code: 'FROM python:3.12-slim\nRUN pip install poetry && poetry install --only main --no-root\n' },
      {
        code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build && npm prune --omit=dev\n\nFROM node:20-slim\nCOPY --from=build /app/node_modules /app/node_modules\nCMD ["node", "/app/server.js"]\n',
      },
    ],
    invalid: [
      {
        code: 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n',
        findings: [
          {
            line: 4,
            column: 5,
            endLine: 4,
            endColumn: 11,
            messageId: 'devInstall',
            message: '`npm ci` installs development dependencies in the image for the default target',
          },
        ],
      },
      {
        note: 'NODE_ENV=production is set in the prod stage only: --target web installs devDependencies.',
        code: 'FROM node:20-slim AS base\nCOPY . /app\n\nFROM base AS web\nRUN yarn install --frozen-lockfile\n\nFROM base AS prod\nENV NODE_ENV=production\nRUN yarn install --frozen-lockfile\n',
        options: { target: 'web' },
        findings: [{ line: 5, column: 5, endLine: 5, endColumn: 17, messageId: 'devInstall', message: 'in the image for target "web"' }],
      },
      {
        code: 'FROM php:8.3-cli\nRUN composer install --optimize-autoloader && poetry install\n',
        findings: [
          { line: 2, column: 5, endLine: 2, endColumn: 21, messageId: 'devInstall', message: 'Composer installs require-dev' },
          { line: 2, column: 47, endLine: 2, endColumn: 61, messageId: 'devInstall', message: 'Poetry installs the dev group' },
        ],
      },
      {
        code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app/node_modules ./node_modules\nCMD ["node", "server.js"]\n',
        findings: [
          {
            line: 8,
            column: 1,
            endLine: 8,
            endColumn: 51,
            messageId: 'devCopy',
            message: 'brings development dependencies in the image for the default target (stage 1): `npm ci` (line 4) installed them in stage "build"',
          },
        ],
      },
    ],
  },
};
