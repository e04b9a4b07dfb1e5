/** Faults to inject; they can be changed while the cloud runs. */
export interface LocalCloudFaults {
  /** Share (0..1) of rule deliveries that Lambda refuses, as when throttled. */
  refuseDeliveryShare: number;
  /** Hands every rule→target delivery to Lambda twice, as EventBridge's at-least-once delivery may. */
  duplicateDeliveries: boolean;
  /** Holds rule deliveries for a short window and releases them in random order. */
  shuffleDeliveries: boolean;
  /** Each rule delivery first waits a random 0..N ms. */
  maxDelayMs: number;
  /**
   * Share (0..1) of async invocations that fail: half before the handler runs, half after it ran and
   * had its effects (a timeout whose work was done), so Lambda's retry runs it again.
   */
  failInvocationShare: number;
  /**
   * Share (0..1) of the functions' DynamoDB requests answered with a throttling error; acts when the
   * cloud runs the proxy that answers them (`dynamoThrottling`, on by default when this starts above 0).
   */
  throttleDynamoShare: number;
  /**
   * Answers every eventually consistent DynamoDB read that could see an older image of an item (one
   * written within the consistency window) with it, instead of only a share of them; acts when the
   * cloud emulates eventual consistency (`eventualConsistency`, on by default).
   */
  staleReads: boolean;
}

export const NO_FAULTS: Readonly<LocalCloudFaults> = {
  refuseDeliveryShare: 0,
  duplicateDeliveries: false,
  shuffleDeliveries: false,
  maxDelayMs: 0,
  failInvocationShare: 0,
  throttleDynamoShare: 0,
  staleReads: false,
};

/** Every fault at once, strong enough to matter and mild enough that the pipeline still settles. */
export const CHAOS_FAULTS: Readonly<LocalCloudFaults> = {
  refuseDeliveryShare: 0.1,
  duplicateDeliveries: true,
  shuffleDeliveries: true,
  maxDelayMs: 50,
  failInvocationShare: 0.2,
  throttleDynamoShare: 0.1,
  staleReads: true,
};

/** Long enough to gather the deliveries of one published event, short enough not to stall a plan. */
const SHUFFLE_WINDOW_MS = 25;

export type InvocationFault = 'fail_before_handler' | 'fail_after_handler';
export type DynamoThrottle = 'ProvisionedThroughputExceededException' | 'ThrottlingException';
export type FaultKind =
  | 'duplicate_delivery'
  | 'refuse_delivery'
  | InvocationFault
  | 'throttle_dynamodb'
  | 'stale_read';

/**
 * Draws every injected fault from one source of randomness, reading the settings at each draw so that
 * they can change while the cloud runs. A seeded `random` makes a faulty run reproducible as far as
 * the timing of real processes allows.
 */
export class FaultInjector {
  private held: (() => void)[] = [];

  constructor(
    private readonly settings: Readonly<LocalCloudFaults>,
    private readonly random: () => number = Math.random,
    private readonly shuffleWindowMs = SHUFFLE_WINDOW_MS,
  ) {}

  /** How many times EventBridge hands one rule delivery to Lambda. */
  deliveryCopies(): number {
    return this.settings.duplicateDeliveries ? 2 : 1;
  }

  refuseDelivery(): boolean {
    return this.chance(this.settings.refuseDeliveryShare);
  }

  /** Resolves when a delivery may go on: after the shuffle window released it, then its random delay. */
  async holdDelivery(): Promise<void> {
    if (this.settings.shuffleDeliveries) await this.shuffled();
    const delay = this.settings.maxDelayMs > 0 ? this.random() * this.settings.maxDelayMs : 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  invocationFault(): InvocationFault | null {
    const share = this.settings.failInvocationShare;
    if (share <= 0) return null;
    const draw = this.random();
    if (draw >= share) return null;
    return draw < share / 2 ? 'fail_before_handler' : 'fail_after_handler';
  }

  dynamoThrottle(): DynamoThrottle | null {
    if (!this.chance(this.settings.throttleDynamoShare)) return null;
    // DynamoDB answers provisioned tables with the first and on-demand tables mostly with the second.
    return this.random() < 0.5 ? 'ProvisionedThroughputExceededException' : 'ThrottlingException';
  }

  /** Whether an eventually consistent read that could see an older image does: `baseShare` of them, or all. */
  staleRead(baseShare: number): boolean {
    return this.settings.staleReads || this.chance(baseShare);
  }

  private chance(share: number): boolean {
    return share > 0 && this.random() < share;
  }

  private shuffled(): Promise<void> {
    return new Promise((resolve) => {
      this.held.push(resolve);
      if (this.held.length === 1) setTimeout(() => this.release(), this.shuffleWindowMs);
    });
  }

  /** Fisher–Yates over everything held; resolving in that order is the order deliveries go on in. */
  private release(): void {
    const batch = this.held;
    this.held = [];
    for (let index = batch.length - 1; index > 0; index--) {
      const other = Math.floor(this.random() * (index + 1));
      [batch[index], batch[other]] = [batch[other] as () => void, batch[index] as () => void];
    }
    for (const resolve of batch) resolve();
  }
}
