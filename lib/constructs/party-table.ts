import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
// The connection store queries this index to find a party's WebSocket connections without a scan.
import { PARTY_INDEX } from '#shared/adapters/dynamodb/keys.ts';

const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

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

  // The table's own grants would add Scan and an index/* wildcard; naming the one index and leaving
  // out Scan keeps every role to the access patterns the store actually has.
  grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, READ_ACTIONS);
  }

  grantReadWrite(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, [...READ_ACTIONS, ...WRITE_ACTIONS]);
  }

  private grant(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: [this.table.tableArn, `${this.table.tableArn}/index/${PARTY_INDEX}`],
    });
  }
}
