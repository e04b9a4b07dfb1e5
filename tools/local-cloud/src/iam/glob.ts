function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** Every DynamoDB call is checked against every statement: each pattern is compiled once, not per call. */
const compiled = new Map<string, RegExp>();

/** IAM's `*` (any run of characters) and `?` (one character); nothing else is special. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const key = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  let regExp = compiled.get(key);
  if (!regExp) {
    const source = escapeRegExp(pattern).replace(/\*/g, '.*').replace(/\?/g, '.');
    regExp = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    compiled.set(key, regExp);
  }
  return regExp.test(value);
}
