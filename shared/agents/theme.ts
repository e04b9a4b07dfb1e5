import type { CatalogOf } from '#shared/catalog/catalog.ts';
import type { Theme } from '#shared/catalog/schema.ts';
import type { PartyFacts } from '#shared/pipeline/facts.ts';
import type { ThemeResult } from './results.ts';
import { blend, clamp01, confidenceFrom, type Ranked, rank, round2 } from './scoring.ts';
import { bestPhraseMatch, labelOverlap, mentionsAny, words } from './text.ts';
import type { AgentContext, AgentOutput } from './types.ts';

const SCORES_SHOWN = 5;
// A stated theme outweighs any fit: the party asked for it, even if it is unusual for the age.
const MENTION_WEIGHT = 0.65;
const FIT_WEIGHT = 0.3;
const POPULARITY_WEIGHT = 0.05;

function ageFit(theme: Theme, age: number | null): number | null {
  if (age === null) return null;
  const below = Math.max(0, theme.ages.min - age);
  const above = Math.max(0, age - theme.ages.max);
  return clamp01(1 - (below + above) / 4);
}

function fitFor(theme: Theme, facts: PartyFacts): number {
  return blend([
    { weight: 0.45, value: ageFit(theme, facts.age) },
    { weight: 0.3, value: facts.occasion ? (mentionsAny(facts.occasion, theme.occasions) ? 1 : 0) : null },
    { weight: 0.15, value: facts.colors.length > 0 ? labelOverlap(facts.colors, theme.colors) : null },
    { weight: 0.1, value: facts.styles.length > 0 ? labelOverlap(facts.styles, theme.style_tags) : null },
  ]);
}

function mentionOf(theme: Theme, stated: readonly string[]): number {
  const names = [theme.id.replaceAll('_', ' '), theme.name, ...theme.aliases];
  return stated.reduce((best, phrase) => Math.max(best, bestPhraseMatch(phrase, names)), 0);
}

/** Case-insensitive union that keeps the first spelling, so stated colors lead the palette. */
function union(...lists: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of lists.flat()) {
    const key = item.trim().toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(item.trim());
  }
  return out;
}

function scoresOf(ranked: readonly Ranked<Theme>[]): Record<string, number> {
  return Object.fromEntries(ranked.slice(0, SCORES_SHOWN).map(({ item, score }) => [item.id, score]));
}

function describeFacts(facts: PartyFacts): string {
  const parts: string[] = [];
  if (facts.age !== null) parts.push(`a ${facts.age}-year-old`);
  if (facts.occasion) parts.push(`a ${facts.occasion}`);
  return parts.length > 0 ? ` for ${parts.join(' and ')}` : '';
}

function fromCatalog(
  theme: Theme,
  facts: PartyFacts,
  ranked: readonly Ranked<Theme>[],
  source: 'stated' | 'suggested',
  secondary: string[],
  confidence: number,
): ThemeResult {
  const summary =
    source === 'stated'
      ? `${theme.name} theme, as asked.`
      : `Suggested ${theme.name}${describeFacts(facts)}; name a theme to choose another.`;
  return {
    primary_theme: theme.id,
    theme_name: theme.name,
    source,
    secondary_themes: secondary,
    theme_scores: scoresOf(ranked),
    confidence,
    colors: union(facts.colors, theme.colors),
    decorations: [...theme.decorations],
    activities: [...theme.activities],
    style_tags: union(theme.style_tags, facts.styles),
    summary,
  };
}

/** A theme the party named that the catalog lacks: kept as asked, with catalog themes as scores. */
function custom(stated: readonly string[], facts: PartyFacts, ranked: readonly Ranked<Theme>[]): ThemeResult {
  const [first = '', ...rest] = stated
    .map((phrase) => words(phrase).join(' '))
    .filter((phrase) => phrase !== '');
  return {
    primary_theme: first,
    theme_name: first,
    source: 'custom',
    secondary_themes: rest,
    theme_scores: scoresOf(ranked),
    confidence: 0.5,
    colors: union(facts.colors),
    decorations: [],
    activities: [],
    style_tags: union(facts.styles),
    summary: `"${first}" theme, as asked; the catalog has no ready-made ${first} ideas, so decorations are up to you.`,
  };
}

export function themeAgent(context: AgentContext, catalog: CatalogOf<'themes'>): AgentOutput<ThemeResult> {
  const { facts } = context;
  const stated = facts.themes.filter((phrase) => words(phrase).length > 0);
  const mentions = new Map(catalog.themes().map((theme) => [theme.id, mentionOf(theme, stated)]));
  const fits = new Map(catalog.themes().map((theme) => [theme.id, fitFor(theme, facts)]));
  const ranked = rank(
    catalog.themes(),
    (theme) =>
      MENTION_WEIGHT * (mentions.get(theme.id) ?? 0) +
      FIT_WEIGHT * (fits.get(theme.id) ?? 0) +
      POPULARITY_WEIGHT * theme.popularity,
  );
  const named = ranked.filter(({ item }) => (mentions.get(item.id) ?? 0) > 0);
  const [best] = named;
  if (best) {
    const mention = mentions.get(best.item.id) ?? 0;
    const confidence = round2(Math.min(0.95, 0.55 + 0.3 * mention + 0.1 * (fits.get(best.item.id) ?? 0)));
    const secondary = named.slice(1).map(({ item }) => item.id);
    const result = fromCatalog(best.item, facts, ranked, 'stated', secondary, confidence);
    return { result, confidence };
  }
  if (stated.length > 0) {
    const result = custom(stated, facts, ranked);
    return { result, confidence: result.confidence };
  }
  const [top] = ranked;
  if (!top) throw new Error('The catalog has no themes');
  const confidence = confidenceFrom(0.2, [
    [facts.age !== null, 0.12],
    [facts.occasion !== null, 0.08],
    [facts.colors.length > 0, 0.05],
    [facts.styles.length > 0, 0.05],
  ]);
  const result = fromCatalog(top.item, facts, ranked, 'suggested', [], confidence);
  return { result, confidence };
}
