import type * as z from 'zod/mini';
import {
  type ErrorMessage,
  type PartyMessage,
  partyStatusPath,
  type RefreshRequiredMessage,
  type ServerMessage,
  type SnapshotMessage,
  UNUSED_FIELDS,
} from '#shared/contracts/messages.ts';

/**
 * One API Gateway WebSocket frame. A bigger message would arrive in several frames, which many
 * browser libraries and proxies handle badly, so the client fetches it over HTTP instead.
 */
export const MAX_SOCKET_MESSAGE_BYTES = 32 * 1024;

type RefreshRequired = z.infer<typeof RefreshRequiredMessage>;
type Snapshot = z.infer<typeof SnapshotMessage>;
type ErrorReply = z.infer<typeof ErrorMessage>;

export const jsonBytes = (message: unknown) => Buffer.byteLength(JSON.stringify(message));

/** The small message that takes an oversized one's place, and its seq. */
export function refreshRequired(message: PartyMessage, bytes: number): RefreshRequired {
  return {
    type: 'refresh_required',
    ...UNUSED_FIELDS,
    party_id: message.party_id,
    seq: message.seq,
    event_id: message.event_id,
    correlation_id: message.correlation_id,
    timestamp: message.timestamp,
    message: `${message.type} is too large for the socket; fetch the party status`,
    payload: {
      reason: 'message_too_large',
      replaces_type: message.type,
      bytes,
      status_path: partyStatusPath(message.party_id),
    },
  };
}

/** The message itself when it fits one frame, else its stand-in. */
export function fitPartyMessage(message: PartyMessage): PartyMessage {
  const bytes = jsonBytes(message);
  return bytes > MAX_SOCKET_MESSAGE_BYTES ? refreshRequired(message, bytes) : message;
}

/**
 * A snapshot that does not fit becomes a refresh at its `last_seq`. Before the first message there
 * is no seq to stand at, so the client gets an error that names the status route instead.
 */
export function fitSnapshot(snapshot: Snapshot): ServerMessage {
  const bytes = jsonBytes(snapshot);
  if (bytes <= MAX_SOCKET_MESSAGE_BYTES) return snapshot;
  const statusPath = partyStatusPath(snapshot.party_id);
  if (snapshot.payload.last_seq === 0) {
    const tooLarge: ErrorReply = {
      type: 'error',
      ...UNUSED_FIELDS,
      error: 'payload_too_large',
      timestamp: snapshot.timestamp,
      message: 'the party snapshot is too large for the socket; fetch the party status',
      payload: { status_path: statusPath, bytes },
    };
    return tooLarge;
  }
  return {
    type: 'refresh_required',
    ...UNUSED_FIELDS,
    party_id: snapshot.party_id,
    seq: snapshot.payload.last_seq,
    event_id: null,
    correlation_id: null,
    timestamp: snapshot.timestamp,
    message: 'the party snapshot is too large for the socket; fetch the party status',
    payload: { reason: 'snapshot_too_large', replaces_type: 'snapshot', bytes, status_path: statusPath },
  };
}
