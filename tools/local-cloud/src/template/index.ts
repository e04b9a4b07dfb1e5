export type { StackModel } from './stack-model.ts';
export { type CfnTemplate, createTable, type TableDefinition, tablesFromTemplate } from './tables.ts';
