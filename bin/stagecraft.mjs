#!/usr/bin/env node
// Launcher for the stagecraft CLI (src/cli/main.ts). It runs under whatever `node` comes
// first on PATH, so it checks first that this Node can strip TypeScript types; the
// TypeScript is imported only after that check.
import { typeStrippingSupport } from '../src/cli/node-support.mjs';

var support = typeStrippingSupport(process.version, process.features);
if (!support.ok) {
  process.stderr.write('stagecraft: ' + support.message + '\n');
  process.exitCode = 2;
} else {
  // Write errors on stdout (`| head`, `> /dev/full`) are handled by main() (src/cli/output.ts).
  import('../src/cli/main.ts')
    .then(function (cli) {
      return cli.main(process.argv, process.stdin, process.stdout, process.stderr, process.env);
    })
    .then(
      function (code) {
        process.exitCode = code;
      },
      function (error) {
        process.stderr.write('stagecraft: internal error: ' + String((error && error.message) || error).split('\n')[0] + '\n');
        process.exitCode = 3;
      },
    );
}
