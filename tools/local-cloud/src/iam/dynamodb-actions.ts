import { ACCOUNT, REGION } from '../eventbridge/endpoint.ts';
import type { AccessRequest } from './access.ts';

type Input = Record<string, unknown>;

/** The SDK also accepts a table's ARN wherever a table name goes. */
export function tableArn(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:')
    ? nameOrArn
    : `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${nameOrArn}`;
}

const tablesOf = (items: unknown) => Object.keys((items ?? {}) as Input);

/** TransactWriteItems has no action of its own: IAM checks each item's own write action. */
const TRANSACT_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

function transactRequests(items: unknown): AccessRequest[] {
  return (Array.isArray(items) ? (items as Input[]) : []).flatMap((item) =>
    Object.entries(item).flatMap(([kind, operation]) => {
      const action = TRANSACT_ACTIONS[kind];
      const table = (operation as Input | null)?.TableName;
      return action && typeof table === 'string' ? [{ action, resource: tableArn(table) }] : [];
    }),
  );
}

/** A table operation's resource: the index for a Query or Scan of one, else the table. */
function tableRequest(action: string, input: Input): AccessRequest {
  const table = typeof input.TableName === 'string' ? tableArn(input.TableName) : '*';
  const index = typeof input.IndexName === 'string' && table !== '*' ? `/index/${input.IndexName}` : '';
  return { action, resource: `${table}${index}` };
}

/**
 * What IAM checks for one DynamoDB call (`X-Amz-Target: DynamoDB_20120810.<Operation>`): every
 * table of a batch, every item of a transaction, the index of a Query or Scan. An operation that
 * names no table (ListTables) is checked on `*`, as AWS does.
 */
export function dynamoAccessRequests(operation: string, input: Input): AccessRequest[] {
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return tablesOf(input.RequestItems).map((table) => ({ action, resource: tableArn(table) }));
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return transactRequests(input.TransactItems);
    default:
      return [tableRequest(action, input)];
  }
}
