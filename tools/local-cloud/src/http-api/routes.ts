export interface CompiledRoute {
  readonly method: string;
  readonly pattern: RegExp;
  readonly parameters: readonly string[];
  readonly routeKey: string;
  readonly functionLogicalId: string;
}

export function compileRoute(routeKey: string, functionLogicalId: string): CompiledRoute {
  const [method = 'ANY', path = '/'] = routeKey.split(' ');
  const parameters: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(.+?)(\+)?\}$/.exec(segment);
      if (!parameter?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameters.push(parameter[1]);
      return parameter[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), parameters, routeKey, functionLogicalId };
}

/** The first route, in the API's order, whose method and path template fit the request. */
export function findRoute(
  routes: readonly CompiledRoute[],
  method: string,
  pathname: string,
): CompiledRoute | undefined {
  return routes.find(
    (candidate) =>
      (candidate.method === method || candidate.method === 'ANY') && candidate.pattern.test(pathname),
  );
}
