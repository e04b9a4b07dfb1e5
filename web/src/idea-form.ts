/** Said under the idea box when what was submitted is empty or only spaces. */
export const EMPTY_IDEA = 'Type an idea first';

/** The idea to send, or the message to show instead: an idea of only spaces is no idea. */
export function checkIdea(raw: string): { readonly content: string } | { readonly error: string } {
  const content = raw.trim();
  return content ? { content } : { error: EMPTY_IDEA };
}
