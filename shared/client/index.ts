// The typed client for the party-planner APIs, for the browser and for Node (pass `ws` as WebSocketImpl).
export { ApiError } from './api-error.ts';
export { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
export {
  type ConnectionState,
  type ConnectPartyOptions,
  connectParty,
  type DeliveredMessage,
  GAP_TIMEOUT_MS,
  type PartyConnection,
  SECOND_LOOK_MS,
  type SocketFactory,
  type SocketLike,
} from './connection.ts';
export {
  API_PREFIX,
  createPartyApi,
  type InputDraft,
  type PartyApi,
  type PartyApiOptions,
  type PartyCredentials,
  type StartPartyOptions,
} from './http-client.ts';
export type {
  AddInputResponse,
  RemoveInputResponse,
  StartPartyResponse,
  StatusResponse,
} from './responses.ts';
export { Sequencer } from './sequencer.ts';
