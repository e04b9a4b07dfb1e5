import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '#shared/contracts/event-envelope.ts';

/** The custom bus every party event travels on, archived so that a bad release can be replayed over. */
export class PartyEventBus extends Construct {
  readonly bus: events.EventBus;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', {
      eventBusName: `party-planner-${Stack.of(this).stackName}`,
    });
    const archive = this.bus.archive('Archive', {
      description: 'Every party-planner event, for replay after a consumer bug',
      eventPattern: { source: [EVENT_SOURCE] },
      retention: Duration.days(30),
    });
    // Without a key, aws-cdk-lib still writes `KmsKeyIdentifier: ""`, which some regions reject;
    // leaving the property out keeps the archive on the AWS owned key.
    (archive.node.defaultChild as events.CfnArchive).addPropertyDeletionOverride('KmsKeyIdentifier');
  }
}
