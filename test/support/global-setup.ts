import { startDynamoDbLocal } from '@party-planner/local-cloud/dynamodb';
import {
  type CfnTemplate,
  type TableDefinition,
  tablesFromTemplate,
} from '@party-planner/local-cloud/template';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { removeSynthOutput, synthesize } from './synth.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    partyTable: TableDefinition;
  }
}

/**
 * The integration project's setup: one DynamoDB Local for the whole run; each test file creates its
 * own uniquely named table, shaped from the synthesized template so that tests and stack cannot drift
 * apart.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [table] = tablesFromTemplate(synthesize().template.toJSON() as CfnTemplate);
  removeSynthOutput();
  if (!table) throw new Error('the stack defines no DynamoDB table');
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('partyTable', table);
  return () => dynamo.stop();
}
