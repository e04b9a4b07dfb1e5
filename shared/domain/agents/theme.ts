import type { PartyFacts } from '#shared/contracts/understanding.ts';
import { ADULTS_FROM } from '#shared/domain/audience-words.ts';
import type { CatalogOf } from '#shared/domain/suppliers/catalog.ts';
import type { Theme } from '#shared/domain/suppliers/schema.ts';
import { agesOf, audienceOf } from './audience.ts';
import type { AgeGroup, ThemeResult } from './results.ts';
import { blend, clamp01, confidenceFrom, type Ranked, rank, round2 } from './scoring.ts';
import { bestPhraseMatch, labelOverlap, mentionsAny, phraseKey, phraseWithin, words } from './text.ts';
import type { AgentContext, AgentOutput } from './types.ts';

const SCORES_SHOWN = 5;
// A stated theme outweighs any fit: the party asked for it, even if it is unusual for the age.
const MENTION_WEIGHT = 0.65;
const FIT_WEIGHT = 0.3;
const POPULARITY_WEIGHT = 0.05;

/** How well the theme's ages meet the party's: the age when known, else the ages of its audience. */
function ageFit(theme: Theme, facts: PartyFacts, group: AgeGroup): number | null {
  const ages = facts.age === null ? agesOf(group) : { min: facts.age, max: facts.age };
  if (ages === null) return null;
  const below = Math.max(0, theme.ages.min - ages.max);
  const above = Math.max(0, ages.min - theme.ages.max);
  return clamp01(1 - (below + above) / 4);
}

function fitFor(theme: Theme, facts: PartyFacts, group: AgeGroup): number {
  return blend([
    { weight: 0.45, value: ageFit(theme, facts, group) },
    { weight: 0.3, value: facts.occasion ? (mentionsAny(facts.occasion, theme.occasions) ? 1 : 0) : null },
    { weight: 0.15, value: facts.colors.length > 0 ? labelOverlap(facts.colors, theme.colors) : null },
    { weight: 0.1, value: facts.styles.length > 0 ? labelOverlap(facts.styles, theme.style_tags) : null },
  ]);
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

const AUDIENCE_WORDS = { kids: "children's", teens: "teens'", adults: "adults'" } as const;
/** An occasion that already names its audience ("a kids' birthday") is not given another. */
const NAMES_AUDIENCE = ['kid', 'child', 'children', 'teen', 'adult'];

function describeFacts(facts: PartyFacts): string {
  const parts: string[] = [];
  if (facts.age !== null) parts.push(`a ${facts.age}-year-old`);
  // Without an age, the stated audience says whom it is for ("a children's birthday").
  const audience =
    facts.age === null && facts.audience !== null && !mentionsAny(facts.occasion ?? '', NAMES_AUDIENCE)
      ? `${AUDIENCE_WORDS[facts.audience]} `
      : '';
  if (facts.occasion) parts.push(`a ${audience}${facts.occasion}`);
  else if (audience !== '') parts.push(`a ${audience}party`);
  return parts.length > 0 ? ` for ${parts.join(' and ')}` : '';
}

function namesOf(theme: Theme): string[] {
  return [theme.id.replaceAll('_', ' '), theme.name, ...theme.aliases];
}

/** What the party ruled out, as phrases of meaningful words ("no unicorns" arrives as "unicorns"). */
interface Exclusions {
  readonly phrases: readonly string[];
  readonly words: ReadonlySet<string>;
}

function exclusionsOf(facts: PartyFacts): Exclusions {
  const phrases = facts.excluded.map(phraseKey).filter(Boolean);
  return { phrases, words: new Set(phrases.filter((phrase) => !phrase.includes(' '))) };
}

/** A label is ruled out when an excluded phrase is it or is within it ("pink" rules out "blush pink"). */
function ruledOut(label: string, excluded: Exclusions): boolean {
  return excluded.phrases.some((phrase) => phraseWithin(phrase, label));
}

/**
 * A theme named by an excluded phrase ("no unicorns"), carrying the excluded word in its id, name or
 * aliases ("unicorn" rules out Rainbow Unicorn, whatever else it is called) or an excluded style
 * ("nothing elegant").
 */
function themeExcluded(theme: Theme, excluded: Exclusions): boolean {
  if (excluded.phrases.some((phrase) => bestPhraseMatch(phrase, namesOf(theme)) >= 0.9)) return true;
  if (namesOf(theme).some((name) => ruledOut(name, excluded))) return true;
  return theme.style_tags.some((tag) => excluded.words.has(phraseKey(tag)));
}

/** Themes a host would not be offered unasked: children's themes at an adults' party. */
function offerable(theme: Theme, group: AgeGroup): boolean {
  return group !== 'adults' || theme.ages.max >= ADULTS_FROM;
}

function keep(labels: readonly string[], excluded: Exclusions): string[] {
  return labels.filter((label) => !ruledOut(label, excluded));
}

function fromCatalog(
  theme: Theme,
  facts: PartyFacts,
  ranked: readonly Ranked<Theme>[],
  source: 'stated' | 'suggested',
  secondary: string[],
  confidence: number,
  excluded: Exclusions,
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
    colors: keep(union(facts.colors, theme.colors), excluded),
    decorations: keep(theme.decorations, excluded),
    activities: keep(theme.activities, excluded),
    style_tags: keep(union(theme.style_tags, facts.styles), excluded),
    warnings: [],
    summary,
  };
}

/** A theme the party named that the catalog lacks: kept as asked, with catalog themes as scores. */
function custom(
  name: string,
  secondary: string[],
  facts: PartyFacts,
  ranked: readonly Ranked<Theme>[],
  excluded: Exclusions,
  ruledOutInCatalog: boolean,
): ThemeResult {
  const why = ruledOutInCatalog
    ? `the catalog's ${name} ideas carry something ruled out, so decorations are up to you`
    : `the catalog has no ready-made ${name} ideas, so decorations are up to you`;
  return {
    primary_theme: name,
    theme_name: name,
    source: 'custom',
    secondary_themes: secondary,
    theme_scores: scoresOf(ranked),
    confidence: 0.5,
    colors: keep(union(facts.colors), excluded),
    decorations: [],
    activities: [],
    style_tags: keep(union(facts.styles), excluded),
    warnings: [],
    summary: `"${name}" theme, as asked; ${why}.`,
  };
}

/**
 * `facts.themes` lists the stated themes latest first: the first is the primary, the others are
 * secondary. Each phrase is the catalog theme it names best (or itself, when the catalog has none
 * like it). A theme the party ruled out is never offered, and an adults' party (an engagement, a
 * 30th) is never offered a children's theme it did not ask for.
 */
export function themeAgent(context: AgentContext, catalog: CatalogOf<'themes'>): AgentOutput<ThemeResult> {
  const { facts } = context;
  const excluded = exclusionsOf(facts);
  const group = audienceOf(facts);
  const stated = facts.themes.filter((phrase) => words(phrase).length > 0 && !ruledOut(phrase, excluded));
  const fits = new Map(catalog.themes().map((theme) => [theme.id, fitFor(theme, facts, group)]));
  const byFit = rank(
    catalog.themes(),
    (theme) => FIT_WEIGHT * (fits.get(theme.id) ?? 0) + POPULARITY_WEIGHT * theme.popularity,
  );
  // A stated phrase names only a theme that may be offered: "rainbow" with unicorns ruled out is no
  // Rainbow Unicorn but a custom rainbow theme.
  const open = byFit.filter(({ item }) => !themeExcluded(item, excluded));
  const choices = stated.map((phrase) => {
    const named = open
      .map(({ item }) => ({ item, mention: bestPhraseMatch(phrase, namesOf(item)) }))
      .filter(({ mention }) => mention > 0)
      .sort((a, b) => b.mention - a.mention);
    const [best] = named;
    return best
      ? { id: best.item.id, theme: best.item, mention: best.mention, ruledOut: false }
      : {
          id: phraseKey(phrase),
          theme: null,
          mention: 0,
          ruledOut: byFit.some(({ item }) => bestPhraseMatch(phrase, namesOf(item)) > 0),
        };
  });
  const ids = [...new Set(choices.map((choice) => choice.id))];
  const allowed = open.filter(({ item }) => offerable(item, group));
  const mentioned = new Set(ids);
  // Scores show the stated themes first, then the best of what may be offered.
  const ranked = [
    ...ids.flatMap((id) =>
      open
        .filter(({ item }) => item.id === id)
        .map(({ item, score }) => {
          const mention = choices.find((choice) => choice.id === id)?.mention ?? 0;
          return { item, score: round2(Math.min(1, MENTION_WEIGHT * mention + score)) };
        }),
    ),
    ...allowed.filter(({ item }) => !mentioned.has(item.id)),
  ];
  const [primary] = choices;
  const secondary = ids.slice(1);
  if (primary?.theme) {
    const fit = fits.get(primary.id) ?? 0;
    const confidence = round2(Math.min(0.95, 0.55 + 0.3 * primary.mention + 0.1 * fit));
    const result = fromCatalog(primary.theme, facts, ranked, 'stated', secondary, confidence, excluded);
    return { result, confidence };
  }
  if (primary) {
    const result = custom(primary.id, secondary, facts, ranked, excluded, primary.ruledOut);
    return { result, confidence: result.confidence };
  }
  const [top] = allowed.length > 0 ? allowed : open;
  if (!top) throw new Error('The catalog has no themes the party has not ruled out');
  const confidence = confidenceFrom(0.2, [
    [facts.age !== null || facts.audience !== null, 0.12],
    [facts.occasion !== null, 0.08],
    [facts.colors.length > 0, 0.05],
    [facts.styles.length > 0, 0.05],
  ]);
  const result = fromCatalog(top.item, facts, allowed, 'suggested', [], confidence, excluded);
  return { result, confidence };
}
