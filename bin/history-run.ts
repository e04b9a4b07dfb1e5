import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { readPartyRecord } from '#shared/adapters/dynamodb/party-history.ts';
import { requiredOutput, stackOutputs } from '#shared/adapters/stack-outputs.ts';
import { TABLE_OUTPUT } from '#shared/contracts/stack-outputs.ts';
import { formatHistory, partyHistory } from '#shared/use-cases/history/history.ts';
import { clientConfig } from './operator.ts';

// Not an entry point: what `npm run history` does (bin/history.ts parses its options).

/** The AWS account of the SDK's usual credentials, or a local cloud at these endpoints. */
export interface HistoryConnection {
  readonly stackName: string;
  /** Serves CloudFormation's DescribeStacks, and DynamoDB too unless `dynamodbEndpoint` is given. */
  readonly endpoint?: string;
  /** The local cloud serves DynamoDB on a port of its own. */
  readonly dynamodbEndpoint?: string;
}

export interface HistoryTarget {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Finds the party table from the stack's outputs, on AWS or on the local cloud alike. */
export async function connectHistory({
  stackName,
  endpoint,
  dynamodbEndpoint,
}: HistoryConnection): Promise<HistoryTarget> {
  const outputs = await stackOutputs(new CloudFormationClient(clientConfig(endpoint)), stackName);
  const tableName = requiredOutput(outputs, stackName, TABLE_OUTPUT);
  const dynamo = new DynamoDBClient(clientConfig(dynamodbEndpoint ?? endpoint));
  return { doc: createDocumentClient(dynamo), tableName };
}

/**
 * Prints the party's history, as a table or one JSON object per line; false when the table keeps
 * nothing of the party (the caller says so).
 */
export async function printHistory(
  target: HistoryTarget,
  partyId: string,
  json: boolean,
  print: (line: string) => void = console.log,
): Promise<boolean> {
  const lines = partyHistory(await readPartyRecord(target.doc, target.tableName, partyId));
  if (!lines) return false;
  for (const line of json ? lines.map((each) => JSON.stringify(each)) : formatHistory(partyId, lines))
    print(line);
  return true;
}
