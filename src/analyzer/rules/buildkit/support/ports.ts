// EXPOSE port specs as BuildKit reads them (frontend/dockerfile/dockerfile2llb/convert_expose.go):
// `[ip:][hostPort:]containerPort[/proto]`, after expanding the stage's variables.

import type { Instruction, Word } from '../../../model.ts';
import { memo } from '../../support/memo.ts';
import type { RuleContext } from '../../types.ts';
import { dispatched } from './reach.ts';
import { instructionEvents } from './scope-walk.ts';
import { expand } from './variables.ts';

export interface PortSpec {
  /** The EXPOSE instruction. */
  instruction: Instruction;
  /** The spec after expansion, as BuildKit quotes it in messages. */
  raw: string;
  word: Word;
  ip: string;
  hostPort: string;
  /** The port number or range, without the protocol. */
  port: string;
  proto: string;
}

function splitParts(raw: string): { ip: string; hostPort: string; containerPort: string } {
  const parts = raw.split(':');
  if (parts.length === 1) return { ip: '', hostPort: '', containerPort: parts[0]! };
  if (parts.length === 2) return { ip: '', hostPort: parts[0]!, containerPort: parts[1]! };
  return { ip: parts.slice(0, -2).join(':'), hostPort: parts.at(-2)!, containerPort: parts.at(-1)! };
}

/** The port specs of one EXPOSE; stops at the first spec BuildKit rejects (the build fails there). */
function portSpecs(instruction: Instruction, env: ReadonlyMap<string, string>, escape: string): PortSpec[] {
  const specs: PortSpec[] = [];
  for (const word of instruction.words) {
    const expanded = expand(word.raw, env, escape);
    if (expanded === null) return specs;
    for (const raw of expanded.value.split(/\s+/).filter(Boolean)) {
      const { ip, hostPort, containerPort } = splitParts(raw);
      const slash = containerPort.indexOf('/');
      const port = slash === -1 ? containerPort : containerPort.slice(0, slash);
      const proto = slash === -1 ? '' : containerPort.slice(slash + 1);
      if (port === '' || !['', 'tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) return specs;
      specs.push({ raw, instruction, word, ip, hostPort, port, proto });
    }
  }
  return specs;
}

/** Every EXPOSE port spec in the stages BuildKit lints, of the instructions it dispatches (read
 *  once per analysis: two rules ask). */
export function exposedPorts(context: RuleContext): readonly PortSpec[] {
  return memo(context, 'exposed-ports', () => {
    const specs: PortSpec[] = [];
    for (const { instruction, scope } of instructionEvents(context, ['EXPOSE'])) {
      if (dispatched(context, instruction)) specs.push(...portSpecs(instruction, scope.env, context.analysis.escape));
    }
    return specs;
  });
}
