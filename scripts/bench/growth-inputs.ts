// Dockerfiles that grow along one dimension each, for checking that analyze() stays linear
// in its input: continuation lines, heredoc bodies, stages, variables, substitutions, words
// on a line… Each generator takes a number of lines and returns a file of about that many,
// so doubling the argument doubles the input. Used by the complexity test
// (tests/analyzer/complexity.test.ts, which counts work) and by `npm run bench` (which
// times it). Deterministic: no randomness, same text every time.

export interface GrowthInput {
  id: string;
  /** What grows, in a few words. */
  grows: string;
  /** A Dockerfile of about `lines` lines. */
  text(lines: number): string;
}

const pad = (i: number): string => String(i).padStart(6, '0');
const times = (n: number, line: (i: number) => string): string => Array.from({ length: Math.max(1, n) }, (_, i) => line(i)).join('');

export const GROWTH_INPUTS: readonly GrowthInput[] = [
  {
    id: 'continuation',
    grows: 'one RUN continued over every line',
    text: (n) => `FROM alpine\nRUN echo start \\\n${times(n - 3, () => '  && echo line \\\n')}  && true\n`,
  },
  {
    id: 'continuation-bare',
    grows: 'a continuation of lines holding only the escape character',
    text: (n) => `FROM alpine\nRUN true \\\n${times(n - 3, () => '\\\n')}x\n`,
  },
  {
    id: 'continuation-comments',
    grows: 'a continuation interleaved with comment and blank lines',
    text: (n) => `FROM alpine\nRUN echo start \\\n${times((n - 3) / 3, (i) => `# step ${i}\n\n  && echo $HOME ${i} \\\n`)}  && true\n`,
  },
  {
    id: 'heredoc',
    grows: 'one heredoc body',
    text: (n) => `FROM alpine\nRUN <<EOF\n${times(n - 3, (i) => `echo line ${i} $HOME\n`)}EOF\n`,
  },
  {
    id: 'heredoc-chomp',
    grows: 'a <<- heredoc body copied into the image',
    text: (n) => `FROM alpine\nCOPY <<-EOF /etc/app.conf\n${times(n - 3, (i) => `\tkey${i} = \${VALUE_${i}}\n`)}\tEOF\n`,
  },
  {
    id: 'many-heredocs',
    grows: 'RUN instructions with a heredoc each',
    text: (n) => `FROM alpine\n${times((n - 1) / 3, (i) => `RUN <<EOF${i}\necho ${i}\nEOF${i}\n`)}`,
  },
  {
    id: 'from-chain',
    grows: 'stages, each FROM the one before',
    text: (n) => `FROM alpine AS s0\n${times((n - 1) / 2, (i) => `FROM s${i} AS s${i + 1}\nRUN echo ${i} > /f${i}\n`)}`,
  },
  {
    id: 'copy-chain',
    grows: 'stages, each copying from the one before (the deep chain)',
    text: (n) =>
      `FROM alpine AS s0\n${times((n - 1) / 3, (i) => `FROM alpine AS s${i + 1}\nCOPY --from=s${i} /f /f\nRUN --mount=type=bind,from=s${i},target=/m ls /m\n`)}`,
  },
  {
    id: 'env-chain',
    grows: 'ENV lines, each using the one before',
    // Each value refers to the one before without growing (a value n long would be n² in all).
    text: (n) => `FROM alpine\n${times(n - 2, (i) => `ENV V${i}=x\${V${Math.max(0, i - 1)}:+y}\n`)}CMD ["sh"]\n`,
  },
  {
    id: 'arg-chain',
    grows: 'ARG lines in a stage, each defaulting to the one before',
    text: (n) => `FROM alpine\n${times(n - 2, (i) => `ARG A${i}=\${A${Math.max(0, i - 1)}:-d}\n`)}CMD ["sh"]\n`,
  },
  {
    id: 'global-args',
    grows: 'global ARGs before the first FROM, each using the one before',
    text: (n) => `${times(n - 2, (i) => `ARG G${i}=\${G${Math.max(0, i - 1)}}x\n`)}FROM alpine:\${G0}\nRUN true\n`,
  },
  {
    id: 'doubling',
    grows: 'variables that double on every line (ARG A=$A$A), before FROM and in a stage',
    text: (n) =>
      `ARG A=ab\n${times((n - 3) / 3, () => 'ARG A=$A$A\n')}FROM alpine:$A\nENV B=ab\n${times((n - 3) / 3, () => 'ENV B=$B$B\n')}${times((n - 3) / 3, () => 'ARG C=$B$B\n')}`,
  },
  {
    id: 'env-and-installs',
    grows: 'ENV lines and npm installs in the final stage (case-insensitive lookups)',
    text: (n) =>
      `FROM node:22\n${times((n - 1) / 2, (i) => `ENV npm_config_x${i}=1\n`)}${times((n - 1) / 2, (i) => `RUN NODE_ENV=dev${i} npm ci && npm install --save-dev x${i}\n`)}`,
  },
  {
    id: 'undefined-vars',
    grows: 'defined variables and as many misspelt uses (did-you-mean)',
    // Fixed-width names: every comparison costs the same at any size.
    text: (n) => `FROM alpine\n${times((n - 1) / 2, (i) => `ENV NAME_${pad(i)}=v\n`)}${times((n - 1) / 2, (i) => `WORKDIR /srv/$NAMEX${pad(i)}\n`)}`,
  },
  {
    id: 'long-line',
    grows: 'words on one RUN line (one line of about 40 characters per unit)',
    text: (n) => `FROM alpine\nRUN ${times(n, (i) => `echo "part ${i} of $HOME" --flag=${i} && `)}true\n`,
  },
  {
    id: 'substitutions',
    grows: 'substitutions in one ENV (about one per unit)',
    text: (n) => `FROM alpine\nENV ${times(n, (i) => `K${i}=\${K${Math.max(0, i - 1)}:-\${HOME}/\${PATH#*:}} `)}\n`,
  },
  {
    id: 'many-runs',
    grows: 'RUN lines installing packages in the final stage',
    text: (n) => `FROM node:22\n${times(n - 1, (i) => `RUN apt-get install -y gcc make && npm install --save-dev jest${i} && pip install pytest\n`)}`,
  },
  {
    id: 'many-copies',
    grows: 'COPY --from lines naming an earlier stage',
    text: (n) => `FROM alpine AS a\nWORKDIR /w\nFROM alpine\n${times(n - 3, (i) => `COPY --from=a --chown=1:1 /x${i} ./y${i}\n`)}`,
  },
  {
    id: 'named-stages',
    grows: 'named stages, the last copying from all of them',
    text: (n) =>
      `${times((n - 1) / 3, (i) => `FROM alpine:3.20 AS stage${i}\nRUN echo ${i} > /out\n`)}FROM scratch\n${times((n - 1) / 3, (i) => `COPY --from=stage${i} /out /o${i}\n`)}`,
  },
  {
    id: 'labels',
    grows: 'one LABEL continued over every line',
    text: (n) => `FROM alpine\nLABEL ${times(n - 3, (i) => `k${i}="v ${i}" \\\n`)} x=y\n`,
  },
  {
    id: 'expose',
    grows: 'EXPOSE lines',
    text: (n) => `FROM alpine\n${times(n - 1, (i) => `EXPOSE ${1000 + i}/tcp ${2000 + i} 3000-3010/UDP\n`)}`,
  },
  {
    id: 'unknown-instructions',
    grows: 'misspelt instructions (did-you-mean on each)',
    text: (n) => `FROM alpine\n${times(n - 1, (i) => `RUNN echo ${i}\n`)}`,
  },
  {
    id: 'exec-form',
    grows: 'one exec-form CMD with a long JSON array',
    text: (n) => `FROM alpine\nCMD [${times(n, (i) => `"arg${i}", `)}"end"]\n`,
  },
  {
    id: 'crlf',
    grows: 'CRLF lines with continuations',
    text: (n) => `FROM alpine\r\n${times((n - 1) / 2, (i) => `RUN echo ${i} \\\r\n  && true\r\n`)}`,
  },
];

/** The continuation a 401-character share link carried (issue #17): one RUN over 60,000 lines. */
export function longContinuation(lines = 60_000): string {
  return `FROM alpine\nRUN true \\\n${'\\\n'.repeat(lines)}x\n`;
}
