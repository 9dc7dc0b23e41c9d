// The playground's build arguments: one `KEY=value` a line, as `docker build --build-arg
// KEY=value` takes them. Blank lines and `#` comments are skipped; a line the playground
// cannot use is reported with its number and left out, never guessed at.
//
// The arguments go into a null-prototype object, so a key such as `__proto__` is an
// ordinary argument name (Docker allows it) and never reaches Object.prototype.

export interface BuildArgs {
  args: Record<string, string>;
  /** "Line 2: …", one per line that was left out. */
  problems: string[];
}

/** Docker's ARG names: anything up to `=` without spaces; kept to sane characters here. */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function parseBuildArgs(text: string): BuildArgs {
  const args = Object.create(null) as Record<string, string>;
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const name = eq < 0 ? line : line.slice(0, eq).trim();
    if (!NAME.test(name)) {
      problems.push(`Line ${i + 1}: “${name.slice(0, 40)}” is not a build argument name (letters, digits and _ only, not starting with a digit).`);
      return;
    }
    if (eq < 0) {
      problems.push(
        `Line ${i + 1}: ${name} has no value. Write ${name}=value (docker build would take a bare name's value from your shell, which the playground does not have).`,
      );
      return;
    }
    args[name] = line.slice(eq + 1);
  });
  return { args, problems };
}
