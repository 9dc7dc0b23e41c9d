// BuildKit's heuristic for names that hold secrets (getSecretsRegex in
// frontend/dockerfile/dockerfile2llb/convert.go): one of these words as the whole name or
// as one of its `_`-separated parts, case-insensitively — unless a part is `public`.

const SECRET_TOKENS = ['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token'];

const DENY = new RegExp(`(?:_|^)(?:${SECRET_TOKENS.join('|')})(?:_|$)`, 'i');
const ALLOW = /(?:_|^)(?:public)(?:_|$)/i;

/** True for `GITHUB_TOKEN`, `db_password`, `API_KEY`, `AUTH`; false for `PUBLIC_KEY`, `KEYBOARD`, `DB_PASS`. */
export function isSecretName(name: string): boolean {
  return DENY.test(name) && !ALLOW.test(name);
}
