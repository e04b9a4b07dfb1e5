import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputUnderstanding } from '#shared/contracts/understanding.ts';
import { understandInput } from '#shared/domain/understanding/index.ts';

// The add and start routes understand every text they accept (up to 1,000 characters): a text that
// made understanding throw would answer 500 and store nothing. Words from the vocabulary make the
// generated texts reach the money, date, number, negation and typo readers, not just miss them.
const WORDS = [
  'birthdya',
  'party',
  'for',
  'thirty-five',
  'peolpe',
  'no',
  'unicorns',
  '$2,000',
  'AUD',
  'next',
  'Saturday',
  'at',
  '3pm',
  'in',
  'Old',
  'Town',
  'instead',
  'pizza',
  'a',
  'hundred',
  'and',
  'twenty',
  'guests',
  'between',
  'dozen',
  'up',
  'to',
  '€900',
  'at least',
  '1.5k',
  '12/13/14',
  '2027-02-30',
  'his',
  '60th',
  'kids',
  'rooftop',
  'live band',
  'not',
  'too',
  'formal',
  '🎉',
  '-',
  '$',
  '%',
];
const text = fc.oneof(
  fc.string({ maxLength: 1000 }),
  fc
    .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 150 })
    .map((words) => words.join(' ').slice(0, 1000)),
);

describe('understanding any text', () => {
  it('never throws and always answers within the stored contract', () => {
    fc.assert(
      fc.property(
        text,
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        (content, when) => {
          expect(() => InputUnderstanding.parse(understandInput(content, when.toISOString()))).not.toThrow();
        },
      ),
      { numRuns: 400, seed: 20261203 },
    );
  });
});
