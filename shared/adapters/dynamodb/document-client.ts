// The Lambda wiring creates one per container. The SDK reads AWS_ENDPOINT_URL_DYNAMODB and
// AWS_ENDPOINT_URL by itself, so the same bundle talks to AWS, LocalStack or the local cloud.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export function createDocumentClient(
  client: DynamoDBClient = new DynamoDBClient({}),
): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
