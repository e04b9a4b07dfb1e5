import WebSocket from 'ws';

export interface TestSocket {
  readonly messages: Record<string, unknown>[];
  waitFor(
    predicate: (message: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  send(message: unknown): void;
  close(): Promise<void>;
}

/** A real WebSocket client that records every message, for end-to-end tests. */
export function openSocket(url: string): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const messages: Record<string, unknown>[] = [];
    const waiters: {
      predicate: (message: Record<string, unknown>) => boolean;
      resolve: (m: Record<string, unknown>) => void;
    }[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      messages.push(message);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
    socket.once('unexpected-response', (_, response) =>
      reject(new Error(`upgrade refused: ${response.statusCode}`)),
    );
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        messages,
        send: (message) => socket.send(JSON.stringify(message)),
        waitFor: (predicate, timeoutMs = 20_000) => {
          const seen = messages.find(predicate);
          if (seen) return Promise.resolve(seen);
          return new Promise((resolveWait, rejectWait) => {
            const timer = setTimeout(
              () =>
                rejectWait(
                  new Error(
                    `no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages.map((m) => m.type))}`,
                  ),
                ),
              timeoutMs,
            );
            waiters.push({
              predicate,
              resolve: (message) => {
                clearTimeout(timer);
                resolveWait(message);
              },
            });
          });
        },
        close: () =>
          new Promise<void>((resolveClose) => {
            if (socket.readyState === WebSocket.CLOSED) return resolveClose();
            socket.once('close', () => resolveClose());
            socket.close();
          }),
      }),
    );
  });
}
