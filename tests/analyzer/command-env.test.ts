// The layered environment of a RUN command reads as the Map it stands for:
// new Map([...args, ...envs, ...exported, ...prefixes]), values, order and all, and its
// case-insensitive lookup finds what a walk over that Map would.

import { describe, expect, it } from 'vitest';
import { CommandEnv, EnvLayer } from '../../src/analyzer/rules/course/support/command-env.ts';
import { Random } from '../../src/shared/random.ts';

const NAMES = ['PATH', 'path', 'NODE_ENV', 'node_env', 'npm_config_omit', 'NPM_CONFIG_OMIT', 'A', 'B', 'b'];

describe('CommandEnv', () => {
  it('matches the merged Map for random layers', () => {
    const random = new Random(3);
    for (let round = 0; round < 500; round++) {
      const layers: Array<Array<[string, string]>> = Array.from({ length: random.range(1, 4) }, () =>
        Array.from({ length: random.int(6) }, () => [random.pick(NAMES), `v${random.int(3)}`] as [string, string]),
      );
      const merged = new Map(layers.flat());
      let env = new CommandEnv([EnvLayer.of(layers[0]!)]);
      for (const layer of layers.slice(1)) env = env.with(EnvLayer.of(layer));
      expect([...env]).toEqual([...merged]);
      expect(env.size).toBe(merged.size);
      for (const name of NAMES) {
        expect(env.get(name)).toBe(merged.get(name));
        const walked = [...merged].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
        expect(env.getIgnoringCase(name)).toBe(walked);
      }
    }
  });
});
