import type { Duplex } from 'node:stream';

export type SizeViolation = 'frame' | 'message';

const CONTINUATION = 0x0;
const CONTROL_OPCODES = 0x8;

function headerLength(header: Buffer): number | undefined {
  if (header.length < 2) return undefined;
  const second = header.readUInt8(1);
  const lengthCode = second & 0x7f;
  const extended = lengthCode === 126 ? 2 : lengthCode === 127 ? 8 : 0;
  return 2 + extended + (second & 0x80 ? 4 : 0);
}

function payloadLength(header: Buffer): number {
  const lengthCode = header.readUInt8(1) & 0x7f;
  if (lengthCode === 126) return header.readUInt16BE(2);
  if (lengthCode === 127) return Number(header.readBigUInt64BE(2));
  return lengthCode;
}

/**
 * `ws` enforces only a per-message limit, while API Gateway also limits each frame; reading the
 * frame headers off the raw socket, ahead of `ws`, reports an oversized frame or message as soon as
 * its header arrives, before `ws` could deliver the payload. Compression is never negotiated, so
 * the lengths on the wire are the message sizes.
 */
export function inspectFrames(
  socket: Duplex,
  limits: { readonly maxFrameBytes: number; readonly maxMessageBytes: number },
  onViolation: (violation: SizeViolation) => void,
): void {
  let header = Buffer.alloc(0);
  let payloadLeft = 0;
  let messageBytes = 0;
  let violated = false;

  function onHeader(complete: Buffer): void {
    const first = complete.readUInt8(0);
    const opcode = first & 0x0f;
    const length = payloadLength(complete);
    payloadLeft = length;
    if (opcode >= CONTROL_OPCODES) return;
    messageBytes = opcode === CONTINUATION ? messageBytes + length : length;
    const violation =
      length > limits.maxFrameBytes ? 'frame' : messageBytes > limits.maxMessageBytes ? 'message' : null;
    if (first & 0x80) messageBytes = 0;
    if (violation) {
      violated = true;
      onViolation(violation);
    }
  }

  socket.prependListener('data', (chunk: Buffer) => {
    let offset = 0;
    while (!violated && offset < chunk.length) {
      if (payloadLeft > 0) {
        const skipped = Math.min(payloadLeft, chunk.length - offset);
        payloadLeft -= skipped;
        offset += skipped;
        continue;
      }
      const wanted = (headerLength(header) ?? 2) - header.length;
      const taken = chunk.subarray(offset, offset + wanted);
      header = Buffer.concat([header, taken]);
      offset += taken.length;
      const complete = headerLength(header);
      if (complete !== undefined && header.length === complete) {
        const done = header;
        header = Buffer.alloc(0);
        onHeader(done);
      }
    }
  });
}
