export { type StagedFunction, stageTaskDirectories, type TaskDirectories } from './task-directories.ts';
