// Test runners and test-only requirements installed in the image a target produces.

import type { Finding, Rule } from '../types.ts';
import { imageCommands } from './support/final-image.ts';
import { packageCommand, packageSpec, requirementFiles, type PackageCommand, type Tool } from './support/packages.ts';
import type { CommandWord } from './support/run-scripts.ts';
import { shippedStage, SHIPPED_TARGETS_ONLY, whereIn } from './support/target.ts';

type Ecosystem = 'python' | 'node' | 'ruby' | 'php';

const ECOSYSTEMS: Partial<Record<Tool, Ecosystem>> = {
  pip: 'python',
  pipx: 'python',
  uv: 'python',
  poetry: 'python',
  pipenv: 'python',
  npm: 'node',
  yarn: 'node',
  pnpm: 'node',
  gem: 'ruby',
  composer: 'php',
};

/** Commands that install the packages they name. */
const INSTALL_VERBS = new Set(['install', 'add', 'require']);

/** Test runners, test libraries and coverage tools: used to test code, never to run it.
 *  (`playwright` and `puppeteer` themselves are left out: services use them at run time;
 *  `@playwright/test` is the test runner.) */
const TEST_TOOLS: Record<Ecosystem, ReadonlyArray<string | RegExp>> = {
  python: ['pytest', /^pytest-/, 'tox', 'nox', 'nose', 'nose2', 'coverage', 'hypothesis', 'behave'],
  node: [
    'jest',
    /^@jest\//,
    /^jest-/,
    'ts-jest',
    'babel-jest',
    'mocha',
    'vitest',
    /^@vitest\//,
    'cypress',
    '@playwright/test',
    'karma',
    /^karma-/,
    'jasmine',
    'jasmine-core',
    'ava',
    'nyc',
    'c8',
    'chai',
    'sinon',
    'supertest',
    /^@testing-library\//,
  ],
  ruby: ['rspec', /^rspec-/, 'cucumber', 'capybara', 'simplecov'],
  php: ['phpunit/phpunit', 'pestphp/pest', 'codeception/codeception', 'mockery/mockery', 'behat/behat', 'phpspec/phpspec'],
};

/** Words that mark development or test requirements in a file name or an extra/group name. */
const DEV_WORDS = /^(dev|devel|develop|development|test|tests|testing)$/;

function isTestTool(ecosystem: Ecosystem, name: string): boolean {
  return TEST_TOOLS[ecosystem].some((tool) => (typeof tool === 'string' ? tool === name : tool.test(name)));
}

/** `requirements-dev.txt`, `test-requirements.txt`, `requirements/test.txt`. */
export function isDevRequirementsFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.(txt|in|pip)$/i, '');
  return base
    .toLowerCase()
    .split(/[-_.]/)
    .some((word) => DEV_WORDS.test(word));
}

function findingsFor(pc: PackageCommand<CommandWord>, where: string): Finding[] {
  const ecosystem = ECOSYSTEMS[pc.tool];
  if (!ecosystem || !INSTALL_VERBS.has(pc.verb)) return [];
  const findings: Finding[] = [];
  for (const { file, word } of requirementFiles(pc)) {
    if (isDevRequirementsFile(file)) {
      findings.push({ range: word.range, messageId: 'requirementsFile', message: `${file} (development/test requirements) is installed ${where}` });
    }
  }
  if (pc.tool === 'pip') {
    for (const option of pc.options.filter((o) => o.name === '--group' && o.value)) {
      const group = option.value!.slice(option.value!.lastIndexOf(':') + 1);
      if (DEV_WORDS.test(group))
        findings.push({ range: (option.valueWord ?? option.word).range, messageId: 'devGroup', message: `dependency group "${group}" is installed ${where}` });
    }
  }
  const editable = pc.tool === 'pip' ? pc.options.filter((o) => (o.name === '-e' || o.name === '--editable') && o.value) : [];
  const specs = [...pc.args.map((word) => ({ text: word.value, word })), ...editable.map((o) => ({ text: o.value!, word: o.valueWord ?? o.word }))];
  for (const { text, word } of specs) {
    const spec = packageSpec(pc.tool, text);
    if (!spec) continue;
    const extras = spec.extras.filter((extra) => DEV_WORDS.test(extra));
    if (extras.length > 0) {
      findings.push({ range: word.range, messageId: 'devExtra', message: `${text} installs the ${extras.map((e) => `"${e}"`).join(' and ')} extra ${where}` });
    } else if (spec.name && isTestTool(ecosystem, spec.name)) {
      findings.push({ range: word.range, messageId: 'testTool', message: `Test tool ${spec.name} is installed ${where}` });
    }
  }
  return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

export const testToolsInFinalImage: Rule = {
  meta: {
    id: 'test-tools-in-final-image',
    severity: 'warning',
    messages: {
      requirementsFile: 'A development or test requirements file is installed in the shipped image.',
      devGroup: 'A development or test dependency group is installed in the shipped image.',
      devExtra: "A package's development or test extra is installed in the shipped image.",
      testTool: 'A test tool is installed in the shipped image.',
    },
    description: 'Test runners and test requirements should be installed in a test stage, not in the image a target produces.',
    rationale:
      'pytest, jest, rspec, phpunit and their plugins are there to check the code before it ships; the running application never imports them. Installed in the final image they add size and attack surface, and a test requirements file (`requirements-dev.txt`, `.[test]`) often drags in linters and debuggers too. Run the tests in their own stage (`FROM build AS test`), which CI builds with `--target test`, and keep the stage you ship free of them. ' +
      SHIPPED_TARGETS_ONLY,
    hint: 'Install test tools in a test stage (e.g. `FROM build AS test` then `RUN pip install -r requirements-dev.txt && pytest`) and build it with `--target test`.',
    sources: {},
    perTarget: true,
  },
  check(context) {
    const stage = shippedStage(context);
    if (!stage) return [];
    return imageCommands(context, stage.index).flatMap((command) => {
      const pc = packageCommand(command.words);
      return pc ? findingsFor(pc, whereIn(context, command.stage)) : [];
    });
  },
  examples: {
    valid: [
      { code: 'FROM python:3.12-slim AS test\nRUN pip install -r requirements-dev.txt\n\nFROM python:3.12-slim\nRUN pip install -r requirements.txt\n' },
      { code: 'FROM node:20-slim\nRUN npm install -g pm2 && npm ci --omit=dev\n' },
      {
        note: 'CI builds --target test; the test image is not shipped. (A plain build would ship it: it is last.)',
        code: 'FROM python:3.12-slim AS app\nRUN pip install flask gunicorn\nCMD ["gunicorn", "app:app"]\n\nFROM app AS test\nRUN pip install pytest && pytest\n',
        options: { target: 'test' },
      },
    ],
    invalid: [
      {
        code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt -r requirements-dev.txt\n',
        findings: [
          { line: 2, column: 55, endLine: 2, endColumn: 75, messageId: 'requirementsFile', message: 'requirements-dev.txt (development/test requirements)' },
        ],
      },
      {
        code: 'FROM node:20-slim\nRUN npm install --save-dev jest@29 && yarn add @playwright/test\n',
        findings: [
          { line: 2, column: 28, endLine: 2, endColumn: 35, messageId: 'testTool', message: 'Test tool jest is installed' },
          { line: 2, column: 48, endLine: 2, endColumn: 64, messageId: 'testTool', message: 'Test tool @playwright/test' },
        ],
      },
      {
        note: '--target app builds the image that ships, with pytest in it.',
        code: 'FROM python:3.12-slim AS app\nRUN pip install flask gunicorn pytest\nCMD ["gunicorn", "app:app"]\n\nFROM app AS test\nRUN pytest\n',
        options: { target: 'app' },
        findings: [{ line: 2, column: 32, endLine: 2, endColumn: 38, messageId: 'testTool', message: 'in the image for target "app"' }],
      },
      {
        note: 'The last stage is what a plain docker build ships, whatever it is called.',
        code: 'FROM python:3.12-slim AS test\nRUN pip install pytest\nCMD ["python3", "-m", "pytest"]\n',
        findings: [{ line: 2, column: 17, endLine: 2, endColumn: 23, messageId: 'testTool', message: 'in the image for the default target (test)' }],
      },
      {
        code: 'FROM python:3.12-slim\nRUN pip install -e ".[test]"\n',
        findings: [{ line: 2, column: 20, endLine: 2, endColumn: 29, messageId: 'devExtra', message: 'installs the "test" extra' }],
      },
      {
        note: "A dependency group (pip 25.1's --group).",
        code: 'FROM python:3.12-slim\nCOPY pyproject.toml .\nRUN pip install --group test\n',
        findings: [{ line: 3, column: 25, endLine: 3, endColumn: 29, messageId: 'devGroup' }],
      },
    ],
  },
};
