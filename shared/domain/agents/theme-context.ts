import type { PartyState } from '#shared/contracts/party.ts';
import type { JsonObject } from '#shared/contracts/primitives.ts';
import type { CatalogOf } from '#shared/domain/suppliers/catalog.ts';
import type { Theme } from '#shared/domain/suppliers/schema.ts';
import { ThemeResult } from './results.ts';
import type { AgentContext } from './types.ts';

/** The theme as the dependent agents use it. */
export interface ThemeView {
  /** The primary theme, a catalog id unless the party named one the catalog lacks. */
  readonly id: string;
  readonly name: string;
  /** The catalog's entry, or null for a custom theme. */
  readonly theme: Theme | null;
  readonly styleTags: readonly string[];
  /** The theme result's confidence: a guessed theme should barely sway rankings. */
  readonly weight: number;
  readonly suggested: boolean;
}

/**
 * The theme agent's current result, or null before it has one. Dependents do not guess a theme
 * themselves: the analyzer re-runs them when the theme completes, and a result's fingerprint covers
 * the stored theme only, so a guess from other facts could go stale unnoticed.
 */
export function resolveTheme(context: AgentContext, catalog: CatalogOf<'themes'>): ThemeView | null {
  const result = context.theme;
  if (!result || result.primary_theme === '') return null;
  const theme = catalog.themes().find((candidate) => candidate.id === result.primary_theme) ?? null;
  return {
    id: result.primary_theme,
    name: theme?.name ?? result.theme_name,
    theme,
    styleTags: result.style_tags,
    weight: result.confidence,
    suggested: result.source === 'suggested',
  };
}

/** A theme fit discounted by how sure the theme is; an unsure theme pulls towards neutral. */
export function weightedThemeFit(view: ThemeView, fit: number): number {
  return view.weight * fit + (1 - view.weight) * 0.5;
}

/** The theme agent's stored result as the dependents may build on it: only a completed one. */
export function completedTheme(state: PartyState): JsonObject | null {
  const theme = state.active_agents.theme_agent;
  return theme?.status === 'completed' ? theme.result : null;
}

/** Reads a stored theme agent result (plain JSON) back into its type; null when it is not one. */
export function readThemeResult(value: unknown): ThemeResult | null {
  const parsed = ThemeResult.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function themeAssumption(view: ThemeView | null): string | null {
  if (!view) return 'No theme yet; ranked without one.';
  return view.suggested ? `No theme chosen yet; ranked with the suggested ${view.name} theme.` : null;
}
