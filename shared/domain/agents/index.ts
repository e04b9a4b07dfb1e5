export { allowanceFor, BUDGET_SHARES, type BudgetArea } from './allowance.ts';
export { cakeAgent } from './cake.ts';
export { cateringAgent } from './catering.ts';
export { FACTS_READ } from './facts-read.ts';
export {
  AGENTS,
  type AgentRegistry,
  type AgentResults,
  type AllAgentOutputs,
  runAllAgents,
} from './registry.ts';
export {
  BakeryRecommendation,
  CakeResult,
  CatererRecommendation,
  CateringResult,
  CostRange,
  DietaryFit,
  MenuEntry,
  ThemeResult,
  VendorRecommendation,
  VendorResult,
  VenueRecommendation,
  VenueResult,
} from './results.ts';
export { themeAgent } from './theme.ts';
export { readThemeResult } from './theme-context.ts';
export type { AgentContext, AgentFn, AgentOutput } from './types.ts';
export { vendorAgent } from './vendor.ts';
export { venueAgent } from './venue.ts';
