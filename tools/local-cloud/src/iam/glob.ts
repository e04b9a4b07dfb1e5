function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** IAM's `*` (any run of characters) and `?` (one character); nothing else is special. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = escapeRegExp(pattern).replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}
