// analyze() bundled for the browser as the site bundles it, for the browser benchmarks
// (scripts/bench-browser.ts's cold calls, scripts/bench/profile-cold.ts).

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { stripRuleDocs } from '../../src/integrations/strip-rule-docs.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** analyze() bundled for the browser as the site bundles it (the rules' documentation left
 *  out, src/integrations/strip-rule-docs.ts), exposed as globalThis.__stagecraftAnalyze.
 *  Unminified (`minify` false), a profile names the analyzer's own functions. */
export async function analyzerBundle(minify = true): Promise<string> {
  const stripDocs: Plugin = {
    name: 'strip-rule-docs',
    setup(builder) {
      builder.onLoad({ filter: /[\\/]src[\\/]analyzer[\\/]rules[\\/].+\.ts$/ }, async (args) => ({
        contents: stripRuleDocs(await readFile(args.path, 'utf8'), args.path),
        loader: 'ts',
      }));
    },
  };
  const result = await build({
    plugins: [stripDocs],
    stdin: {
      contents: "import { analyze } from './src/analyzer/index.ts'; globalThis.__stagecraftAnalyze = analyze;",
      resolveDir: ROOT,
      sourcefile: 'bench-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    minify,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  return result.outputFiles[0]!.text;
}
