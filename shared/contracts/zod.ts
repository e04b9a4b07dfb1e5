// zod/mini keeps every function bundle small (about 13 KB against 450 KB for classic zod), as long as
// modules import its namespace directly (`import * as z from 'zod/mini'`) so that bundlers can drop
// what they do not use. This module gives issues English messages that name the problem, instead of
// "Invalid input"; the schema modules import it for that effect.

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** Flattens zod issues into `{ field, message }` pairs that an API error body can carry. */
export function describeIssues(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}

/** The same issues as one line, `field: message; field: message`, for error messages and logs. */
export function issuesText(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
}
