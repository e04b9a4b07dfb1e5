import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type KeySchemaElement,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';

/** The parts of a synthesized CloudFormation template that the local cloud reads. */
export interface CfnTemplate {
  readonly Resources: Record<
    string,
    { readonly Type: string; readonly Properties?: Record<string, unknown> }
  >;
  readonly Outputs?: Record<string, { readonly Value: unknown }>;
}

export interface TableDefinition {
  readonly logicalId: string;
  readonly create: Omit<CreateTableCommandInput, 'TableName'>;
  readonly ttlAttribute: string | null;
}

interface CfnTableProperties {
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: CreateTableCommandInput['AttributeDefinitions'];
  GlobalSecondaryIndexes?: {
    IndexName: string;
    KeySchema: KeySchemaElement[];
    Projection: { ProjectionType: string };
  }[];
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
}

/** Every DynamoDB table of a template as CreateTable input: keys, indexes and TTL, nothing kept by hand. */
export function tablesFromTemplate(template: CfnTemplate): TableDefinition[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::DynamoDB::Table')
    .map(([logicalId, resource]) => {
      const properties = resource.Properties as unknown as CfnTableProperties;
      const ttl = properties.TimeToLiveSpecification;
      return {
        logicalId,
        ttlAttribute: ttl?.Enabled ? ttl.AttributeName : null,
        create: {
          KeySchema: properties.KeySchema,
          AttributeDefinitions: properties.AttributeDefinitions,
          BillingMode: 'PAY_PER_REQUEST',
          ...(properties.GlobalSecondaryIndexes?.length
            ? {
                GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes.map((index) => ({
                  IndexName: index.IndexName,
                  KeySchema: index.KeySchema,
                  Projection: { ProjectionType: index.Projection.ProjectionType as 'ALL' },
                })),
              }
            : {}),
        },
      };
    });
}

/** Creates one table as the template defines it, TTL setting included. */
export async function createTable(
  client: DynamoDBClient,
  tableName: string,
  definition: TableDefinition,
): Promise<void> {
  await client.send(new CreateTableCommand({ TableName: tableName, ...definition.create }));
  if (definition.ttlAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
      }),
    );
  }
}
