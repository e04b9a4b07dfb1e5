export { CHAOS_FAULTS, type LocalCloudFaults, NO_FAULTS } from './faults.ts';
export type { AccessRequest } from './iam/access.ts';
export { type AccessCheck, type AccessDenial, accessKeyOf, type IamAuthorizer } from './iam/authorizer.ts';
export {
  DEFAULT_FUNCTION_CONCURRENCY,
  DEFAULT_PORTS,
  describeEvent,
  type LocalCloud,
  type LocalCloudEndpoints,
  type LocalCloudOptions,
  type LocalCloudPorts,
  startLocalCloud,
} from './local-cloud.ts';
export { SynthError, synthesize } from './synth.ts';
export { DEFAULT_WEB_PORT } from './web-server.ts';
