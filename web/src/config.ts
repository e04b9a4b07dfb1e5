import { PageConfig } from '#shared/client/page-config.ts';

export type { PageConfig };

/**
 * `?http=...&ws=...` wins (handy against a deployed stack from a local page); otherwise `config.json`
 * beside the page, which the local cloud writes with its own endpoints and a deploy uploads.
 */
export async function loadConfig(location: Location = window.location): Promise<PageConfig> {
  const query = new URLSearchParams(location.search);
  const http = query.get('http');
  const ws = query.get('ws');
  if (http && ws) return PageConfig.parse({ httpUrl: http, wsUrl: ws });
  const response = await fetch(new URL('config.json', location.href), { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return PageConfig.parse(await response.json());
}
