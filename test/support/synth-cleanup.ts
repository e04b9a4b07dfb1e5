import { afterAll } from 'vitest';
import { removeSynthOutput } from './synth.ts';

// A setup file of the unit project (not a global setup: it starts nothing), so that each test file
// that synthesizes the stack leaves no assembly behind.
afterAll(removeSynthOutput);
