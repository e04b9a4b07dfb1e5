import * as z from 'zod/mini';

/**
 * Where the page finds the APIs, as `config.json` beside index.html: one build serves every
 * environment because the endpoints come at run time. The local cloud writes it, and so does a deploy.
 */
export const PageConfig = z.object({
  httpUrl: z.url(),
  wsUrl: z.url(),
});
export type PageConfig = z.infer<typeof PageConfig>;
