import { ACCOUNT, REGION } from '../eventbridge/endpoint.ts';
import { type CfnTemplate, tablesFromTemplate } from '../template/tables.ts';
import type { AccessRequest } from './access.ts';
import { keysOfItems, type LeadingKeys, leadingKeysOf } from './leading-keys.ts';

type Input = Record<string, unknown>;

/** A table's partition key attribute, by the table's ARN; undefined for a table it does not know. */
export type HashKeyOf = (tableArn: string) => string | undefined;

/** The SDK also accepts a table's ARN wherever a table name goes. */
export function tableArn(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:')
    ? nameOrArn
    : `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${nameOrArn}`;
}

/** The partition key of each of the template's tables, by the ARN of its local table. */
export function hashKeysOf(template: CfnTemplate, tableNames: Readonly<Record<string, string>>): HashKeyOf {
  const byArn = new Map<string, string>();
  for (const table of tablesFromTemplate(template)) {
    const name = tableNames[table.logicalId];
    const hash = table.create.KeySchema?.find((key) => key.KeyType === 'HASH')?.AttributeName;
    if (name && hash) byArn.set(tableArn(name), hash);
  }
  return (arn) => byArn.get(arn);
}

function accessRequest(action: string, resource: string, leadingKeys: LeadingKeys): AccessRequest {
  if (leadingKeys === undefined) return { action, resource };
  return { action, resource, context: new Map([['dynamodb:leadingkeys', leadingKeys]]) };
}

/** TransactWriteItems has no action of its own: IAM checks each item's own write action. */
const TRANSACT_OPERATIONS: Readonly<Record<string, string>> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

function transactRequests(items: unknown, hashKeyOf: HashKeyOf): AccessRequest[] {
  return (Array.isArray(items) ? (items as Input[]) : []).flatMap((item) =>
    Object.entries(item).flatMap(([kind, raw]) => {
      const operation = TRANSACT_OPERATIONS[kind];
      const input = (raw ?? {}) as Input;
      if (!operation || typeof input.TableName !== 'string') return [];
      const resource = tableArn(input.TableName);
      return [
        accessRequest(
          `dynamodb:${operation}`,
          resource,
          leadingKeysOf(operation, input, hashKeyOf(resource)),
        ),
      ];
    }),
  );
}

/** The items or keys a batch names for one table: `Keys` of a BatchGet, each write's `Item` or `Key`. */
function batchItems(operation: string, forTable: unknown): unknown[] {
  if (operation === 'BatchGetItem') return ((forTable as Input | null)?.Keys ?? []) as unknown[];
  return (Array.isArray(forTable) ? (forTable as Input[]) : []).map((write) => {
    const put = write.PutRequest as Input | undefined;
    return put ? put.Item : (write.DeleteRequest as Input | undefined)?.Key;
  });
}

function batchRequests(operation: string, input: Input, hashKeyOf: HashKeyOf): AccessRequest[] {
  return Object.entries((input.RequestItems ?? {}) as Input).map(([table, forTable]) => {
    const resource = tableArn(table);
    const hashKey = hashKeyOf(resource);
    const keys = hashKey === undefined ? null : keysOfItems(batchItems(operation, forTable), hashKey);
    return accessRequest(`dynamodb:${operation}`, resource, keys);
  });
}

/** A table operation's resource: the index for a Query or Scan of one, else the table. */
function tableRequest(operation: string, input: Input, hashKeyOf: HashKeyOf): AccessRequest {
  const action = `dynamodb:${operation}`;
  if (typeof input.TableName !== 'string') return { action, resource: '*' };
  const table = tableArn(input.TableName);
  const index = typeof input.IndexName === 'string' ? `/index/${input.IndexName}` : '';
  return accessRequest(action, `${table}${index}`, leadingKeysOf(operation, input, hashKeyOf(table)));
}

/**
 * What IAM checks for one DynamoDB call (`X-Amz-Target: DynamoDB_20120810.<Operation>`): every
 * table of a batch, every item of a transaction, the index of a Query or Scan, each with the
 * partition keys it touches (`dynamodb:LeadingKeys`). An operation that names no table
 * (ListTables) is checked on `*`, as AWS does.
 */
export function dynamoAccessRequests(operation: string, input: Input, hashKeyOf: HashKeyOf): AccessRequest[] {
  switch (operation) {
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return batchRequests(operation, input, hashKeyOf);
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return transactRequests(input.TransactItems, hashKeyOf);
    default:
      return [tableRequest(operation, input, hashKeyOf)];
  }
}
