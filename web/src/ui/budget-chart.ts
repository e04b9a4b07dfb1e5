import type { Budget } from '#shared/contracts/party.ts';
import type { MoneyRange, StatedBudget } from '#shared/contracts/primitives.ts';
import { ESTIMATE_CURRENCY, formatMoney } from '#shared/domain/currency.ts';
import { budgetVerdict, nothingPriced } from '../budget-status.ts';
import { humanLabel } from '../labels.ts';
import { formatBudget } from '../understood.ts';
import { h, money, moneyRange, svg } from './dom.ts';

const ROW = 28;
const LABEL = 64;
const WIDTH = 360;
/** Values sit in their own right-hand column so that no bar or budget line can run over them. */
const VALUE = 104;
/** Room above the bars for the budget line's label. */
const TOP = 18;

interface ChartRow {
  readonly category: string;
  readonly range: MoneyRange;
  readonly total: boolean;
}

/** How amounts map onto the chart's width. */
interface Scale {
  readonly x: (amount: number) => number;
  readonly height: number;
}

function chartRows(budget: Budget): ChartRow[] {
  return [
    ...Object.entries(budget.breakdown).map(([category, range]) => ({
      category: humanLabel(category) || 'other',
      range,
      total: false,
    })),
    { category: 'Total', range: budget.total_budget, total: true },
  ];
}

function bar(row: ChartRow, index: number, { x }: Scale): SVGGElement {
  const y = TOP + index * ROW + 4;
  return svg(
    'g',
    { class: row.total ? 'bar total' : 'bar' },
    svg('text', { x: LABEL - 6, y: y + 15, 'text-anchor': 'end', class: 'label' }, row.category),
    svg('rect', {
      x: LABEL,
      y,
      width: Math.max(1, x(row.range.max) - LABEL),
      height: 20,
      rx: 3,
      class: 'range',
    }),
    svg('rect', {
      x: LABEL,
      y,
      width: Math.max(1, x(row.range.min) - LABEL),
      height: 20,
      rx: 3,
      class: 'min',
    }),
    svg('text', { x: WIDTH - 2, y: y + 15, 'text-anchor': 'end', class: 'value' }, moneyRange(row.range)),
  );
}

function barChart(
  rows: readonly ChartRow[],
  stated: number | null,
  statedMoney: (amount: number) => string,
): SVGSVGElement {
  const scaleMax = Math.max(1, stated ?? 0, ...rows.map((row) => row.range.max)) * 1.05;
  const plot = WIDTH - LABEL - VALUE;
  const scale: Scale = {
    x: (amount) => LABEL + (amount / scaleMax) * plot,
    height: TOP + rows.length * ROW + 4,
  };
  const { x, height } = scale;
  return svg(
    'svg',
    {
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: 'img',
      'aria-labelledby': 'budget-chart-title',
      class: 'budget-chart',
    },
    svg(
      'title',
      { id: 'budget-chart-title' },
      `Estimated cost by category${stated === null ? '' : ` against a budget of ${statedMoney(stated)}`}`,
    ),
    ...rows.map((row, index) => bar(row, index, scale)),
    stated === null
      ? null
      : svg(
          'g',
          { class: 'stated' },
          svg('line', { x1: x(stated), x2: x(stated), y1: TOP - 4, y2: height }),
          svg('text', { x: x(stated), y: TOP - 7, 'text-anchor': 'end' }, `Budget ${statedMoney(stated)}`),
        ),
  );
}

/** The chart's numbers for screen readers, which read SVG shapes poorly. */
function budgetTable(rows: readonly ChartRow[], statedBudget: StatedBudget | null): HTMLTableElement {
  return h(
    'table',
    { class: 'visually-hidden' },
    h('caption', {}, 'Budget by category'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Category'), h('th', { scope: 'col' }, 'Estimate'))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h('tr', {}, h('th', { scope: 'row' }, row.category), h('td', {}, moneyRange(row.range))),
      ),
      statedBudget
        ? h('tr', {}, h('th', { scope: 'row' }, 'Stated budget'), h('td', {}, formatBudget(statedBudget)))
        : null,
    ),
  );
}

/**
 * The estimate per category as bars (solid to the low estimate, lighter to the high one) against the
 * stated budget as a line. Inline SVG scales with the card; a visually hidden table carries the same
 * numbers for screen readers.
 */
export function budgetChart(budget: Budget): HTMLElement {
  const statedBudget = budget.stated_budget ?? null;
  const verdict = budgetVerdict(budget, money);
  const status = h(
    'p',
    { class: `budget-status tone-${verdict.tone}`, 'data-tone': verdict.tone },
    verdict.text,
  );
  const statedLine = statedBudget
    ? h('p', { class: 'meta stated-budget' }, `Your budget: ${formatBudget(statedBudget)}`)
    : null;
  // No agent priced anything yet: a chart of one $0 total would only mislead.
  if (nothingPriced(budget))
    return h(
      'div',
      { class: 'budget' },
      status,
      statedLine,
      h('p', { class: 'meta' }, 'Costs appear here once a venue, cake, catering or vendors are recommended.'),
    );
  const rows = chartRows(budget);
  // A floor ("at least $500") has no max: there is no line to draw, only words to say.
  // Estimates are in the catalog's currency (US dollars): a budget stated in another one is compared
  // by the server (its verdict below), not drawn on a dollar scale.
  const stated =
    statedBudget && statedBudget.currency.toUpperCase() === ESTIMATE_CURRENCY ? statedBudget.max : null;
  const statedMoney = (amount: number) => formatMoney(amount, statedBudget?.currency ?? 'USD');
  return h(
    'div',
    { class: 'budget' },
    status,
    statedLine,
    h('div', { 'aria-hidden': 'false' }, barChart(rows, stated, statedMoney)),
    budgetTable(rows, statedBudget),
    ...(budget.recommendations?.length
      ? [h('ul', { class: 'tips' }, ...budget.recommendations.map((tip) => h('li', {}, tip)))]
      : []),
  );
}
