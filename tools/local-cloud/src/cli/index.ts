export {
  CLOUD_ARGS,
  type CliNaming,
  type CloudSettings,
  cloudSettings,
  portOption,
  usage,
} from './options.ts';
export { consoleLog, serveUntilStopped } from './serve.ts';
