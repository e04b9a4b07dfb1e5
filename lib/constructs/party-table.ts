import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { Partition, TableAccess } from '#lib/function-specs.ts';
// The connection store queries this index to find a party's WebSocket connections without a scan.
import {
  CONNECTION_PK_PREFIX,
  PARTY_INDEX,
  PARTY_PK_PREFIX,
  STATS_PK,
} from '#shared/adapters/dynamodb/keys.ts';

/** The partition keys of each partition, as a `dynamodb:LeadingKeys` pattern. */
const LEADING_KEYS: Readonly<Record<Partition, string>> = {
  party: `${PARTY_PK_PREFIX}*`,
  connection: `${CONNECTION_PK_PREFIX}*`,
  stats: STATS_PK,
};

export interface PartyTableProps {
  readonly removalPolicy: RemovalPolicy;
}

/** The single table behind parties, inputs, connections and statistics. */
export class PartyTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: PartyTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: 'expires_at',
      removalPolicy: props.removalPolicy,
      // Retaining the table on stack deletion does not stop a console click or a DeleteTable call.
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: PARTY_INDEX,
      partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }

  get tableName(): string {
    return this.table.tableName;
  }

  /**
   * Exactly the access a function's catalog entry names. The table's own grants would add Scan,
   * batches and an index/* wildcard. Item actions are granted per partition: the functions serve
   * every party, so a key cannot be narrowed to one, but a connection route cannot touch a party's
   * state or access hash, nor a party route a connection row or the counters. `ForAllValues` checks
   * every key a call touches (each item of a transaction); a call with no partition key at all (a
   * Scan, DescribeTable) would pass it, one more reason that neither is ever granted. A Query of the
   * index is granted without a condition: its keys are the index's, not the table's.
   */
  grant(grantee: iam.IGrantable, access: TableAccess): void {
    // Object.entries widens the keys to string; `items` is keyed by Partition.
    for (const [partition, actions] of Object.entries(access.items) as [Partition, readonly string[]][]) {
      iam.Grant.addToPrincipal({
        grantee,
        actions: actions.map((action) => `dynamodb:${action}`),
        resourceArns: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [LEADING_KEYS[partition]] } },
      });
    }
    if (access.queriesPartyIndex) {
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['dynamodb:Query'],
        resourceArns: [`${this.table.tableArn}/index/${PARTY_INDEX}`],
      });
    }
  }
}
