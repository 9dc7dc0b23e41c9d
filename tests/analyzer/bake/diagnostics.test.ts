// Where the bake analyzer puts its errors and warnings, with the recorded fixtures and small files.

import { describe, expect, it } from 'vitest';
import { analyzeBake, readBake } from '../../../src/analyzer/bake/index.ts';
import { resolveBake } from '../../../src/analyzer/bake/resolve.ts';
import { bakeFiles, reader } from './recorded.ts';

const at = (d: { range: { start: { line: number; column: number } } }) => `${d.range.start.line}:${d.range.start.column}`;
const hcl = (text: string) => [{ name: 'docker-bake.hcl', text }];
const noFiles = () => null;

describe('errors with positions', () => {
  it('an inheritance cycle: bake skips the inherit that closes it; a warning on the inherits line', () => {
    const analysis = analyzeBake(bakeFiles('cycle'), reader('cycle'), { names: ['prod'] });
    expect(analysis.diagnostics.map((d) => [d.id, d.severity, d.message, at(d)])).toEqual([
      ['bake-inherits-cycle', 'warning', 'inheritance cycle: prod → base → prod; bake skips the inherit that closes it', '2:3'],
    ]);
    expect(analysis.plans.map((p) => p.stages)).toEqual([['base', 'production']]);
  });

  it('an unknown inherited target: the inherits line of the target that names it', () => {
    const analysis = analyzeBake(bakeFiles('missing-stage'), reader('missing-stage'), { names: ['dev'] });
    expect(analysis.diagnostics.map((d) => [d.id, d.message, at(d), d.file])).toEqual([['bake-unknown-target', 'failed to find target _missing', '6:3', 0]]);
  });

  it('an unknown name on the command line has no position in the file, and lists what there is', () => {
    const [error] = analyzeBake(bakeFiles('unknown-target'), reader('unknown-target'), { names: ['nope'] }).diagnostics;
    expect(error).toMatchObject({ id: 'bake-unknown-target', file: null, message: 'failed to find target nope' });
    expect(error!.hint).toBe('Targets and groups in the bake file: prod, default.');
  });

  it('a group naming an unknown target: its targets line', () => {
    const text = 'group "default" {\n  targets = ["prod", "tset"]\n}\ntarget "prod" {}\n';
    const [error] = analyzeBake(hcl(text), noFiles, {}).diagnostics;
    expect([error!.message, at(error!)]).toEqual(['failed to find target tset', '2:3']);
  });

  it('a target naming a stage the Dockerfile lacks: on its target value, with the stages there are', () => {
    const analysis = analyzeBake(bakeFiles('missing-stage'), reader('missing-stage'), { names: ['prod'] });
    const [plan] = analysis.plans;
    expect(plan).toMatchObject({ name: 'prod', stage: 'prod', stages: [], fails: true });
    expect(plan!.diagnostics.map((d) => [d.id, d.message, at(d)])).toEqual([
      ['bake-missing-stage', 'target "prod": target stage "prod" could not be found in Dockerfile', '2:12'],
    ]);
    expect(plan!.diagnostics[0]!.hint).toMatch(/production/);
  });

  it('a missing Dockerfile fails its target', () => {
    const [plan] = analyzeBake(hcl('target "default" {\n  context = "api"\n}\n'), noFiles, {}).plans;
    expect(plan).toMatchObject({ dockerfilePath: 'api/Dockerfile', fails: true });
    expect(plan!.diagnostics[0]!.id).toBe('bake-missing-dockerfile');
  });

  it('a syntax error: where the HCL parser stopped', () => {
    const [error] = readBake(hcl('target "prod" {\n  target = "production"\n  tags = ["a",\n}\n')).diagnostics;
    expect(error!.id).toBe('bake-syntax');
    expect(error!.range.start.line).toBeGreaterThanOrEqual(3);
  });

  it('an expression stagecraft does not evaluate is named where it stands', () => {
    const text = 'variable "TAG" {\n  default = "1"\n}\ntarget "default" {\n  tags = [upper(TAG)]\n}\n';
    const [error] = resolveBake(readBake(hcl(text))).diagnostics;
    expect([error!.id, error!.message, at(error!)]).toEqual(['bake-unsupported-expression', 'stagecraft does not evaluate a function call', '5:11']);
  });

  it('an undeclared variable', () => {
    const [error] = resolveBake(readBake(hcl('target "default" {\n  tags = ["shop:${TAG}"]\n}\n'))).diagnostics;
    expect([error!.id, at(error!)]).toEqual(['bake-unknown-variable', '2:19']);
  });
});

describe('values', () => {
  it('an override from the environment wins over the default; a default may use another variable', () => {
    const text =
      'variable "A" {\n  default = "a"\n}\nvariable "B" {\n  default = "${A}-b"\n}\ntarget "default" {\n  tags = ["x:${B}"]\n  args = { ESC = "$${A}", N = 3 }\n}\n';
    expect(resolveBake(readBake(hcl(text))).targets[0]).toMatchObject({ tags: ['x:a-b'], args: { ESC: '${A}', N: '3' } });
    expect(resolveBake(readBake(hcl(text)), { env: { A: 'z' } }).targets[0]!.tags).toEqual(['x:z-b']);
  });

  it('a later file adds to and overrides an earlier one, attribute by attribute', () => {
    const files = [
      ...hcl('target "default" {\n  target = "dev"\n  tags = ["a"]\n}\n'),
      { name: 'override.json', text: '{"target":{"default":{"target":"production"}}}' },
    ];
    expect(resolveBake(readBake(files)).targets[0]).toMatchObject({ target: 'production', tags: ['a'] });
  });
});

describe('hostile input', () => {
  it('a file that does not parse reports its syntax error alone', () => {
    const analysis = analyzeBake(hcl('{'.repeat(500)), noFiles, {});
    expect(analysis.diagnostics.map((d) => d.id)).toEqual(['bake-syntax']);
    expect(analysis.plans).toEqual([]);
  });

  it('inherits nested deeper than 200 targets stop with an error (thousands would overflow the stack)', () => {
    const chain = Array.from({ length: 400 }, (_, i) => `target "t${i}" {\n  inherits = ["t${i + 1}"]\n}\n`).join('') + 'target "t400" {}\n';
    const analysis = analyzeBake(hcl(chain), () => 'FROM alpine:3.20\n', { names: ['t0'] });
    expect(analysis.diagnostics.map((d) => d.id)).toEqual(['bake-inherits-too-deep']);
    expect(analysis.diagnostics[0]!.message).toBe('inherits nest more than 200 targets deep from "t0"; stagecraft stops there');
  });
});

describe('what stagecraft does not model is said, not answered wrongly', () => {
  it('a matrix target is an error on its matrix attribute', () => {
    const text = 'target "default" {\n  name = "app-${v}"\n  matrix = {\n    v = ["1", "2"]\n  }\n}\n';
    const found = resolveBake(readBake(hcl(text))).diagnostics.filter((d) => d.id === 'bake-unsupported-matrix');
    expect(found.map((d) => [d.severity, at(d)])).toEqual([['error', '3:3']]);
  });

  it('a build context linked to another bake target is a warning', () => {
    const text = 'target "base" {}\ntarget "default" {\n  contexts = { base = "target:base" }\n}\n';
    const [warning] = resolveBake(readBake(hcl(text))).diagnostics;
    expect([warning!.id, warning!.severity, at(warning!)]).toEqual(['bake-unsupported-target-context', 'warning', '3:3']);
  });
});
