import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planContent, realHandlers, startSession } from '#test/support/party-session.ts';
import { drain } from '#test/support/pipeline-driver.ts';

const handlers = realHandlers();

// Inputs that touch every agent and every kind of fact, and overlap: two themes, two guest counts,
// two budgets, so a removal can hand a fact back to an earlier input. No relative dates: the two
// parties compared add their inputs at different moments.
const POOL = [
  'unicorn theme for my daughter turning 6',
  'dinosaur theme',
  'change of plans: a mermaid theme now',
  '40 guests',
  'the guest list grew to 60',
  'budget $1500',
  "we can't go over $900",
  'nut-free chocolate cake',
  'vegan food for everyone',
  'a magician and balloons',
  'we would love a live band',
  'hosting it in our garden',
  'in Brooklyn on 2027-06-12',
  'no unicorns',
  'hi there',
];

const party = fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 2, maxLength: 5 }).chain((inputs) =>
  fc.record({
    inputs: fc.constant(inputs),
    // Which inputs go, in the order they go; one stays, or there would be no plan to compare.
    removals: fc.shuffledSubarray(
      inputs.map((_, index) => index),
      { minLength: 1, maxLength: Math.min(3, inputs.length - 1) },
    ),
    settleBetween: fc.boolean(),
  }),
);

describe('removal is exact', () => {
  it('removing inputs, in any order, gives the plan of a party that never had them', async () => {
    await fc.assert(
      fc.asyncProperty(party, async ({ inputs, removals, settleBetween }) => {
        const removed = await startSession(handlers.store);
        const ids: string[] = [];
        for (const content of inputs) ids.push(await removed.add(content));
        await drain(handlers.env.bus);
        for (const index of removals) {
          await removed.remove(ids[index] ?? '');
          if (settleBetween) await drain(handlers.env.bus);
        }
        await drain(handlers.env.bus);

        const never = await startSession(handlers.store);
        for (const [index, content] of inputs.entries()) {
          if (!removals.includes(index)) await never.add(content);
        }
        await drain(handlers.env.bus);
        handlers.env.bus.clear();

        const after = await removed.state();
        expect(planContent(after)).toEqual(planContent(await never.state()));
        // Every change was answered: the plan is for the party's current inputs.
        expect(after.final_plan?.inputs_version).toBe(after.inputs_version);
      }),
      { numRuns: 30, seed: 20261203 },
    );
  });
});
