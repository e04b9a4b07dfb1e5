import type { BudgetKind, StatedBudget } from '#shared/contracts/primitives.ts';
import { COUNT_IN_WORDS, parseCount } from './numbers.ts';
import { endsClause, type Span } from './text.ts';

/**
 * Budgets. A number is money when it says so (a currency, "k", "grand"), when it is the first number
 * after a budget word in the same clause ("budget is 1500", "spend 800"), when a budget word follows
 * it ("1500 total"), or when it is 100 or more after a ceiling word ("under 2000") and counts nothing
 * else ("under 200 guests" is a guest count). Money is read before ages and guest counts, whose
 * readers never see it. Amounts in words ("fifteen hundred dollars", "two thousand euros") are money
 * only with a currency or right after "budget", so "for twenty" stays a guest count.
 *
 * A currency code or name wins over a bare "$" or "¥" ("$2,000 AUD" is AUD, "¥2000 CNY" yuan). The kind
 * says how the amount was stated (see BudgetKind): "up to", "max", "can't go over" make a ceiling,
 * "around" an approximate amount, "at least" a floor, two amounts a range, anything else an amount.
 */

const PREFIX_CURRENCIES: Readonly<Record<string, string>> = {
  $: 'USD',
  us$: 'USD',
  c$: 'CAD',
  ca$: 'CAD',
  a$: 'AUD',
  au$: 'AUD',
  nz$: 'NZD',
  hk$: 'HKD',
  s$: 'SGD',
  r$: 'BRL',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₪': 'ILS',
  zł: 'PLN',
};
/** "$" is used for many dollars and "¥" for the yuan too: a code or name written with them says which. */
const AMBIGUOUS = ['$', '¥'];
/**
 * ISO 4217 codes read before or after an amount: every currency of the reference rates (a test keeps
 * them in step with `USD_PER_UNIT`), then common ones without a rate, which are understood but cannot
 * be compared (currency.ts says so). Codes that are English words ("try", "all", "top", "pen") are left
 * out, so "try 500 balloons" stays no budget.
 */
const CODES =
  'usd eur gbp cad aud nzd chf jpy cny hkd sgd inr krw mxn brl zar sek nok dkk pln ils aed thb idr myr php vnd twd czk huf rub ars clp egp ngn kes sar qar kwd isk pkr rmb'.split(
    ' ',
  );
/** Names of currencies, read after an amount; "real" is left out ("50 real candles"), "reais" is not. */
const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  dollar: 'USD',
  dollars: 'USD',
  buck: 'USD',
  bucks: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  yen: 'JPY',
  rupee: 'INR',
  rupees: 'INR',
  franc: 'CHF',
  francs: 'CHF',
  peso: 'MXN',
  pesos: 'MXN',
  rmb: 'CNY',
  yuan: 'CNY',
  renminbi: 'CNY',
  won: 'KRW',
  reais: 'BRL',
  rand: 'ZAR',
  krona: 'SEK',
  kronor: 'SEK',
  zloty: 'PLN',
  zlotys: 'PLN',
  złoty: 'PLN',
  shekel: 'ILS',
  shekels: 'ILS',
  dirham: 'AED',
  dirhams: 'AED',
  baht: 'THB',
};
const MULTIPLIERS: Readonly<Record<string, number>> = { k: 1000, thousand: 1000, grand: 1000 };

const CODE = CODES.join('|');
const MONEY = new RegExp(
  '(?<![\\w$€£¥₹₩₪ł.,])' +
    `(?:(?<pre>(?:us|ca?|au?|nz|hk|s|r)\\$|zł|[$€£¥₹₩₪]|(?:${CODE})\\b)\\s?)?` +
    `(?<num>\\d{1,3}(?:[,.]\\d{3})+(?:\\.\\d{1,2})?(?![\\d])|\\d+(?:\\.\\d+)?|(?<words>${COUNT_IN_WORDS}))` +
    '(?:\\s?(?<mult>k|thousand|grand)\\b)?' +
    `(?:\\s?(?<post>[$€£₩₪]|zł|(?:${CODE}|${Object.keys(CURRENCY_WORDS).join('|')})\\b(?!\\s+of\\b)))?` +
    '(?![\\w%$€£ł])',
  'g',
);

/** Beyond this a "number" is a typo or a code, and would not survive as a JSON number anyway. */
const MAX_AMOUNT = 1e12;

const PER_PERSON = /^\s*(?:(?:per|a|each|\/)\s*(?:person|head|guest|kid|child|plate|pp)\b|pp\b|ea\b)/;
const BUDGET_BEFORE =
  /\b(?:budget(?:ed)?|spend(?:ing)?|afford|costs?|price[sd]?|pay(?:ing)?|total|cap(?:ped)?|allocated?)\b[^\d]*$/;
/**
 * Words that cap an amount: before it ("under 2000", "at most $800") and after it ("2000 max",
 * "800 or less"). Ceiling amounts, budget words and hard limits are each built from them.
 */
const CEILING_WORDS = {
  before: ['under', 'max(?:imum)?', 'no more than', 'not more than', 'less than', 'below', 'at most'],
  after: ['max', 'tops', 'or less', 'limit'],
};
const BUDGET_AFTER = new RegExp(
  `^\\s*(?:${['budget', 'to spend', 'total', ...CEILING_WORDS.after, 'all[\\s-]in', 'range'].join('|')})\\b`,
);
const CEILING_BEFORE = new RegExp(
  `\\b(?:${[...CEILING_WORDS.before, 'up to', 'between', 'from'].join('|')})\\s*$`,
);
/** A hard limit: "up to", "max", "can't go over", "can't spend more than", "no more than". */
const LIMIT_BEFORE = new RegExp(
  `\\b(?:${[
    ...CEILING_WORDS.before,
    'up\\s*to',
    'no higher than',
    'not to exceed',
    'within',
    'cap(?:ped)? at',
    'limit(?: of| is)?',
    "(?:can'?t|cannot|can not|won'?t|shouldn'?t|don'?t want to|do not want to|not)\\s+(?:(?:go|spend|be|pay)\\s+)?(?:over|above|more than|beyond|past|exceed)",
  ].join('|')})\\s*(?:of\\s*|is\\s*|:\\s*)?$`,
);
const LIMIT_AFTER = new RegExp(
  `^\\s*(?:${[...CEILING_WORDS.after, 'maximum', 'at most', 'at the most', 'cap'].join('|')})\\b`,
);
const APPROX_BEFORE =
  /\b(?:around|about|approx(?:imately|\.)?|roughly|circa|somewhere around|in the region of|ballpark(?: of)?)\s*(?:of\s*)?$|~\s*$/;
const APPROX_AFTER = /^\s*(?:-?ish|or so)\b/;
/** "Budget is two thousand": the only place a number in words is money without a currency. */
const BUDGET_JUST_BEFORE =
  /\bbudget(?:ed)?\s*(?:is|of|:|=)?\s*(?:around|about|roughly|approx(?:imately)?\s*)?$/;
const FLOOR_BEFORE =
  /\b(?:at least|minimum|min|no less than|starting at|(?<!\b(?:no|not)\s)more than|over)\s*$/;
const CLAUSE_BREAK = /[.;!?\n]|,\s/;

interface Amount extends Span {
  readonly value: number;
  readonly multiplier: number;
  readonly hasMultiplier: boolean;
  readonly currency: string | null;
  /** Said by a bare "$" or "¥" only, which another end of a range may name more precisely. */
  readonly open: boolean;
  readonly explicit: boolean;
  readonly perPerson: boolean;
  /** Written in words ("fifteen hundred"). */
  readonly words: boolean;
}

/** A stated amount before it is known whether a guest count turns a per-person price into a total. */
export interface MoneyCandidate extends Span {
  readonly min: number | null;
  /** Null for a floor only. */
  readonly max: number | null;
  readonly kind: BudgetKind;
  readonly currency: string | null;
  readonly perPerson: boolean;
  /** Said next to a budget word, so preferred to an amount that is not ("cake around $100"). */
  readonly budgetWord: boolean;
}

function parseNumber(text: string): number {
  // "1.500" and "2.000" use the dot as a thousands separator (as in "1.500 €"); "1.5" does not.
  if (/^\d{1,3}(?:\.\d{3})+$/.test(text)) return Number.parseInt(text.replace(/\./g, ''), 10);
  return Number.parseFloat(text.replace(/,/g, ''));
}

function currencyOf(token: string | undefined): string | null {
  if (token === undefined) return null;
  return PREFIX_CURRENCIES[token] ?? CURRENCY_WORDS[token] ?? token.toUpperCase();
}

/** A bare "$" or "¥" leaves the currency open; a code or name written next to it says which. */
function currencyOfPair(pre: string | undefined, post: string | undefined): string | null {
  if (pre !== undefined && AMBIGUOUS.includes(pre)) return currencyOf(post) ?? currencyOf(pre);
  return currencyOf(pre) ?? currencyOf(post);
}

/** The currency two ends of a range state, a specific one over a bare "$" or "¥" ("¥1000-2000 CNY"). */
function currencyOfRange(low: Amount, high: Amount): string | null {
  if (low.open && high.currency !== null) return high.currency;
  return low.currency ?? high.currency;
}

function readAmounts(text: string): Amount[] {
  const amounts: Amount[] = [];
  for (const match of text.matchAll(MONEY)) {
    const { pre, num = '', words, mult, post } = match.groups ?? {};
    const multiplier = mult === undefined ? 1 : (MULTIPLIERS[mult] ?? 1);
    const value = (words === undefined ? parseNumber(num) : (parseCount(words) ?? Number.NaN)) * multiplier;
    if (!(value <= MAX_AMOUNT)) continue;
    let end = match.index + match[0].length;
    const perPerson = PER_PERSON.exec(text.slice(end));
    if (perPerson) end += perPerson[0].length;
    amounts.push({
      start: match.index,
      end,
      value,
      multiplier,
      hasMultiplier: mult !== undefined,
      currency: currencyOfPair(pre, post),
      open: pre !== undefined && AMBIGUOUS.includes(pre) && post === undefined,
      explicit: pre !== undefined || post !== undefined || mult !== undefined,
      perPerson: perPerson !== null,
      words: words !== undefined,
    });
  }
  return amounts;
}

function clauseBefore(text: string, index: number): string {
  const before = text.slice(Math.max(0, index - 60), index);
  const parts = before.split(CLAUSE_BREAK);
  return parts[parts.length - 1] ?? '';
}

function hasBudgetWord(text: string, amount: Span): boolean {
  return BUDGET_BEFORE.test(clauseBefore(text, amount.start)) || BUDGET_AFTER.test(text.slice(amount.end));
}

function isMoney(text: string, amount: Amount): boolean {
  if (amount.words && !amount.explicit) {
    return BUDGET_AFTER.test(text.slice(amount.end)) || BUDGET_JUST_BEFORE.test(text.slice(0, amount.start));
  }
  if (amount.explicit || BUDGET_AFTER.test(text.slice(amount.end))) return true;
  if (!endsClause(text, amount.end)) return false;
  if (hasBudgetWord(text, amount)) return true;
  return amount.value >= 100 && CEILING_BEFORE.test(clauseBefore(text, amount.start));
}

const RANGE_JOINER = /^\s*(?:-|to|and|or|through)\s*$/;

/** Two plain numbers joined as a range of something they count: "between 100 and 200 guests". */
const COUNTED = 'counted';

/** Joins "$1k-$2k", "1-2k" and "between 1000 and 2000" into one range. */
function asRange(text: string, low: Amount, high: Amount): MoneyCandidate | typeof COUNTED | null {
  const joiner = text.slice(low.end, high.start);
  if (!RANGE_JOINER.test(joiner)) return null;
  if (/^\s*and\s*$/.test(joiner) && !/\bbetween\s*$/.test(text.slice(0, low.start))) return null;
  if (!low.explicit && !high.explicit) {
    // Neither end says it is money: the range must be followed by nothing that it counts.
    if (!isMoney(text, high) && !isMoney(text, low)) return null;
    if (!endsClause(text, high.end) && !BUDGET_AFTER.test(text.slice(high.end))) return COUNTED;
  }
  // "1-2k": the multiplier written once applies to both ends, unless the low end is already large.
  const lowValue =
    !low.hasMultiplier && high.hasMultiplier && low.value * high.multiplier <= high.value
      ? low.value * high.multiplier
      : low.value;
  return {
    start: low.start,
    end: high.end,
    min: round(Math.min(lowValue, high.value)),
    max: round(Math.max(lowValue, high.value)),
    kind: 'range',
    currency: currencyOfRange(low, high),
    perPerson: high.perPerson,
    budgetWord: hasBudgetWord(text, { start: low.start, end: high.end }),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** How a single amount was stated; a limit is checked first, as "can't spend more than" ends like a floor. */
function kindOf(text: string, amount: Amount): BudgetKind {
  const before = clauseBefore(text, amount.start);
  const after = text.slice(amount.end);
  if (LIMIT_BEFORE.test(before) || LIMIT_AFTER.test(after)) return 'ceiling';
  if (APPROX_BEFORE.test(before) || APPROX_AFTER.test(after)) return 'approximate';
  if (FLOOR_BEFORE.test(before)) return 'floor';
  return 'amount';
}

/** Every amount of money the text states, in order. */
export function findMoney(text: string): MoneyCandidate[] {
  const amounts = readAmounts(text);
  const found: MoneyCandidate[] = [];
  for (let i = 0; i < amounts.length; i += 1) {
    const amount = amounts[i];
    if (amount === undefined) continue;
    const next = amounts[i + 1];
    const range = next === undefined ? null : asRange(text, amount, next);
    if (range !== null) {
      // A counted range is no money at either end: its low end must not pass for a budget alone.
      if (range !== COUNTED) found.push(range);
      i += 1;
      continue;
    }
    if (!isMoney(text, amount)) continue;
    const value = round(amount.value);
    const kind = kindOf(text, amount);
    found.push({
      start: amount.start,
      end: amount.end,
      min: kind === 'floor' ? value : null,
      max: kind === 'floor' ? null : value,
      kind,
      currency: amount.currency,
      perPerson: amount.perPerson,
      budgetWord: hasBudgetWord(text, amount),
    });
  }
  return found;
}

/**
 * The budget: the first amount said next to a budget word, else the first amount. A per-person
 * price becomes a total when the same input gives the guest count, and is otherwise no budget.
 */
export function chooseBudget(
  candidates: readonly MoneyCandidate[],
  guestCount: number | null,
): StatedBudget | null {
  const usable = candidates.filter((candidate) => !candidate.perPerson || guestCount !== null);
  const chosen = usable.find((candidate) => candidate.budgetWord) ?? usable[0];
  if (chosen === undefined) return null;
  const factor = chosen.perPerson && guestCount !== null ? guestCount : 1;
  const times = (value: number | null) => (value === null ? null : round(value * factor));
  return {
    min: times(chosen.min),
    max: times(chosen.max),
    currency: chosen.currency ?? 'USD',
    kind: chosen.kind,
  };
}
