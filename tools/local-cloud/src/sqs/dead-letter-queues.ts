import { ACCOUNT, REGION } from '../eventbridge/endpoint.ts';
import type { DeadLetter, DeadLetterQueues, DeadLetterSource } from '../lambda/async-invoker.ts';
import type { LocalQueues, MessageAttribute } from './queues.ts';

export interface DeadLetterNaming {
  /** The function's name as its ARN spells it. */
  functionName(logicalId: string): string;
  ruleArn(ruleName: string): string;
}

const text = (value: string): MessageAttribute => ({ DataType: 'String', StringValue: value });

/** `Type: message`, as the local cloud records a failure, split back into its two parts. */
function splitError(error: string): { errorType: string; errorMessage: string } {
  const at = error.indexOf(': ');
  return at < 0
    ? { errorType: 'Error', errorMessage: error }
    : { errorType: error.slice(0, at), errorMessage: error.slice(at + 2) };
}

const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

/**
 * What EventBridge puts in a rule target's dead-letter queue: the event itself as the body, and why
 * in message attributes. A refused hand-over is Lambda throttling the delivery.
 */
function ruleDeadLetter(letter: DeadLetter, ruleArn: string, targetArn: string) {
  const { errorType, errorMessage } = splitError(letter.error);
  return {
    body: JSON.stringify(letter.request_payload),
    attributes: {
      ERROR_CODE: text(errorType.startsWith('Throttling') ? 'THROTTLING' : 'SDK_CLIENT_ERROR'),
      ERROR_MESSAGE: text(errorMessage),
      EXHAUSTED_RETRY_CONDITION: text(
        letter.condition === 'RetriesExhausted'
          ? 'MaximumRetryAttemptsExhausted'
          : 'MaximumEventAgeExhausted',
      ),
      RETRY_ATTEMPTS: text(String(Math.max(0, letter.approximate_invoke_count - 1))),
      RULE_ARN: text(ruleArn),
      TARGET_ARN: text(targetArn),
    },
  };
}

/** What Lambda sends to an on-failure destination: an invocation record around the event. */
function invocationRecord(letter: DeadLetter, functionArn: string): string {
  const failed = letter.error !== '';
  return JSON.stringify({
    version: '1.0',
    timestamp: letter.failed_at,
    requestContext: {
      requestId: letter.message_id,
      functionArn: `${functionArn}:$LATEST`,
      condition: letter.condition,
      approximateInvokeCount: letter.approximate_invoke_count,
    },
    requestPayload: letter.request_payload,
    ...(failed
      ? {
          responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
          responsePayload: { ...splitError(letter.error), trace: [] },
        }
      : {}),
  });
}

/**
 * Dead letters kept in the template's queues as the messages AWS would put there, so that tools read
 * them with the SQS API; the letter rides along for the in-process view (`deadLetters`, `redrive`).
 * A letter for a queue the template lacks is dropped, as Lambda and EventBridge drop it.
 */
export function sqsDeadLetterQueues(
  queues: LocalQueues<DeadLetter>,
  naming: DeadLetterNaming,
): DeadLetterQueues {
  const put = (letter: DeadLetter, source: DeadLetterSource) => {
    const target = functionArn(naming.functionName(letter.function));
    const message =
      source.kind === 'rule'
        ? ruleDeadLetter(letter, naming.ruleArn(source.ruleName), target)
        : { body: invocationRecord(letter, target), attributes: {} };
    queues.send(letter.queue, message.body, message.attributes, letter);
  };
  const lettersOf = (logicalIds: readonly string[]) =>
    logicalIds.flatMap((id) => queues.byId(id)?.messages.flatMap((message) => message.origin ?? []) ?? []);
  return {
    put,
    list: (queue) => lettersOf(queue ? [queue] : queues.all().map((each) => each.logicalId)),
    take: (queue) => queues.takeOrigins(queue),
  };
}
