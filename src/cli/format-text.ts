// The human-readable reports. Plain text; colours only when the caller asks (a TTY
// without NO_COLOR). Whatever comes from the Dockerfile or the command line (file name,
// messages quoting it, stage names, the target) goes through printable(): its control
// characters are shown escaped, never sent to the terminal.

import { type Analysis, DEFAULT_ENGINE, type Diagnostic, type Severity, type Stage } from '../analyzer/index.ts';
import { printable } from '../runner/printable.ts';

export interface Style {
  bold(text: string): string;
  severity(severity: Severity, text: string): string;
}

const plain: Style = { bold: (t) => t, severity: (_s, t) => t };

const ansi: Style = {
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
  severity: (s, t) => `\x1b[${s === 'error' ? 31 : s === 'warning' ? 33 : 36}m${t}\x1b[39m`,
};

/** Colours only on a terminal, and never when NO_COLOR is set to something (no-color.org). */
export function pickStyle(isTTY: boolean | undefined, env: Record<string, string | undefined>): Style {
  return isTTY && !env.NO_COLOR ? ansi : plain;
}

/** `file:line:column  severity  message` and an indented hint line (and, for a BuildKit
 *  check this engine or builder does not report, a line saying so). */
export function formatDiagnostic(file: string, d: Diagnostic, style: Style = plain): string {
  const { line, column } = d.range.start;
  const advice =
    d.engineReports === false
      ? `    note: the analyzer's advice: this build does not report BuildKit check ${d.sources?.buildkit} (Docker 27+ reports build checks when it builds with BuildKit; experimental ones only when enabled)\n`
      : '';
  return `${printable(file)}:${line}:${column}  ${style.severity(d.severity, d.severity)}  ${printable(d.message)}\n    hint: ${printable(d.hint)}\n${advice}`;
}

export function countsLine(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  const notes = count('info');
  if (notes > 0) parts.push(plural(notes, 'note'));
  return parts.join(', ');
}

export function formatCheck(file: string, analysis: Analysis, style: Style = plain): string {
  return analysis.diagnostics.map((d) => formatDiagnostic(file, d, style)).join('') + `${countsLine(analysis.diagnostics)}\n`;
}

export function formatPlan(file: string, analysis: Analysis, style: Style = plain): string {
  const { plan, stages } = analysis;
  const builderName = plan.builder === 'buildkit' ? 'BuildKit' : 'classic';
  const requested = analysis.target.requested === null ? null : printable(analysis.target.requested);
  const targetIndex = analysis.target.index;
  const target = targetIndex >= 0 ? stages[targetIndex] : undefined;
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  const warnings = analysis.diagnostics.filter((d) => d.severity === 'warning');
  const out: string[] = [];

  out.push(`${style.bold('Dockerfile:')} ${printable(file)}`);
  out.push(`${style.bold('Engine:')}     Docker ${plan.engine}${plan.engine === DEFAULT_ENGINE ? ' (the default)' : ''}`);
  out.push(`${style.bold('Builder:')}    ${builderName}${plan.builder === 'buildkit' ? ' (the default)' : ' (legacy builder, DOCKER_BUILDKIT=0)'}`);
  if (requested === null) {
    const last = stages[stages.length - 1];
    out.push(`${style.bold('Target:')}     default: last stage ${last ? label(last) : '(the file has no stages)'}`);
  } else if (errors.some((d) => d.id === 'unknown-target')) {
    out.push(`${style.bold('Target:')}     ${requested} (no stage has this name)`);
  } else {
    out.push(`${style.bold('Target:')}     ${requested}${target && target.name !== analysis.target.requested ? ` (stage ${label(target)})` : ''}`);
  }

  const stoppedAt = plan.stoppedAt;
  if (plan.stages.length === 0) {
    out.push(`${style.bold('Stages executed:')} none; ${builderName} refuses the build before running any step`);
  } else {
    out.push(`${style.bold('Stages executed:')}`);
    plan.stages.forEach((index, n) => {
      const stage = stages[index]!;
      const fails = stoppedAt?.stage === index ? `, fails at line ${stoppedAt.range.start.line}` : '';
      out.push(`  ${n + 1}. ${label(stage)} (line ${stage.from.range.start.line}${fails})`);
    });
    const ran = new Set(plan.stages);
    for (const stage of stages) {
      if (ran.has(stage.index)) continue;
      const why = skipReason(stage, analysis);
      if (why) out.push(`  ${why}`);
    }
  }

  if (!plan.fails) out.push(`${style.bold('Result:')}     the build can start`);
  else if (stoppedAt) {
    out.push(`${style.bold('Result:')}     the build starts and fails at line ${stoppedAt.range.start.line} (${plural(errors.length, 'error')})`);
  } else out.push(`${style.bold('Result:')}     Docker refuses this build (${plural(errors.length, 'error')})`);

  const shown = [...errors, ...warnings];
  if (shown.length > 0) {
    out.push('');
    out.push(
      shown
        .map((d) => formatDiagnostic(file, d, style))
        .join('')
        .trimEnd(),
    );
  }
  return `${out.join('\n')}\n`;
}

/** Why a stage that exists is not executed, or null when the plan says nothing about it. */
function skipReason(stage: Stage, analysis: Analysis): string | null {
  const { plan, stages } = analysis;
  const target = stages[analysis.target.index];
  if (!target) return null;
  if (plan.builder === 'buildkit') return `skipped: ${label(stage)} (not needed by ${label(target)})`;
  if (stage.index > target.index) return `skipped: ${label(stage)} (after the target ${label(target)}; the classic builder stops there)`;
  if (plan.stoppedAt) return `not reached: ${label(stage)} (the build stops at line ${plan.stoppedAt.range.start.line})`;
  return null;
}

function label(stage: Stage): string {
  return printable(stage.name ?? `stage-${stage.index}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
