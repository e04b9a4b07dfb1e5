import { vi } from 'vitest';

/** One CloudWatch embedded-metric-format document, as a function writes it to its log. */
export interface EmfDocument {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { readonly Name: string; readonly Unit: string }[];
    }[];
  };
  readonly [key: string]: unknown;
}

export interface MetricPoint {
  readonly namespace: string;
  readonly unit: string;
  readonly dimensions: Record<string, string>;
  readonly values: number[];
}

/**
 * Reads what the functions really print: Powertools writes EMF to stdout, and CloudWatch makes
 * metrics from exactly those lines, so a test that parses them checks what an operator will see.
 */
export function captureEmf() {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk, ...rest) => {
    const text = String(chunk);
    if (text.includes('"_aws"')) {
      lines.push(...text.split('\n').filter((line) => line.includes('"_aws"')));
      return true;
    }
    return write(chunk as string, ...(rest as []));
  });
  const documents = () => lines.map((line) => JSON.parse(line) as EmfDocument);
  return {
    documents,
    clear: () => lines.splice(0),
    /** Every recording of `name`, one per document, with the dimensions and values it was emitted with. */
    points(name: string): MetricPoint[] {
      return documents().flatMap((document) =>
        document._aws.CloudWatchMetrics.flatMap((directive) => {
          const metric = directive.Metrics.find((candidate) => candidate.Name === name);
          if (!metric) return [];
          const keys = directive.Dimensions.flat();
          const raw = document[name];
          return [
            {
              namespace: directive.Namespace,
              unit: metric.Unit,
              dimensions: Object.fromEntries(keys.map((key) => [key, String(document[key])])),
              values: (Array.isArray(raw) ? raw : [raw]).map(Number),
            },
          ];
        }),
      );
    },
    stop: () => spy.mockRestore(),
  };
}

/** The sum of a metric's values over the points whose dimensions include `where`. */
export function total(points: readonly MetricPoint[], where: Record<string, string> = {}): number {
  return points
    .filter((point) => Object.entries(where).every(([key, value]) => point.dimensions[key] === value))
    .reduce((sum, point) => sum + point.values.reduce((a, b) => a + b, 0), 0);
}
