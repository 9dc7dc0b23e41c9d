// Case checks without making a case-converted copy of the text: rules compare the casing of
// every instruction keyword on every keystroke. Equal to `text === text.toLowerCase()` and
// `text === text.toUpperCase()`; text with non-ASCII characters takes that exact route.

export function isLowerCase(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return text === text.toLowerCase();
    if (code >= 65 && code <= 90) return false;
  }
  return true;
}

export function isUpperCase(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return text === text.toUpperCase();
    if (code >= 97 && code <= 122) return false;
  }
  return true;
}
