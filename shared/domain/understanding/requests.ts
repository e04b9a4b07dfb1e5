import type { VendorKind } from '#shared/contracts/understanding.ts';
import { type Mention, mentions, vocabulary } from './vocabulary.ts';

/** Suppliers asked for by name ("we'd love a live band", "someone to film it"), in order of mention. */
const VENDORS = vocabulary<VendorKind>([
  { name: 'dj', sources: ['djs?', 'deejays?', 'disc[\\s-]+jockeys?'] },
  {
    name: 'band',
    sources: ['(?<!\\b(?:wrist|hair|head|rubber|elastic|arm|waist)[\\s-]*)bands?', 'live\\s+music'],
  },
  {
    name: 'photographer',
    sources: ['photographers?', 'photography', 'someone\\s+to\\s+take\\s+(?:photos|pictures)'],
  },
  {
    name: 'videographer',
    sources: ['videographers?', 'videography', 'someone\\s+to\\s+(?:film|record|video)', 'film(?:ed)?\\s+it'],
  },
  {
    name: 'florist',
    sources: [
      'florists?',
      'flowers?\\s+arranged',
      '(?:flower|floral)\\s+arrangements?',
      'arranged\\s+flowers',
      'floral\\s+design(?:er)?s?',
    ],
  },
  { name: 'magician', sources: ['magicians?', 'magic\\s+shows?'] },
  { name: 'face_painter', sources: ['face[\\s-]+paint(?:ers?|ing)?'] },
  {
    name: 'bounce_house',
    sources: [
      'bounc(?:e|y)[\\s-]+(?:house|castle)s?',
      'jump(?:ing|y)[\\s-]+castles?',
      'moon[\\s-]+bounces?',
      'inflatable\\s+castles?',
    ],
  },
  { name: 'balloon_arch', sources: ['balloon\\s+(?:arch(?:es)?|garlands?)'] },
  { name: 'photo_booth', sources: ['photo[\\s-]?booths?'] },
  {
    name: 'balloon_artist',
    sources: ['balloon\\s+(?:animals?|artists?|twist(?:ers?|ing)|sculptures?)'],
  },
  { name: 'clown', sources: ['clowns?'] },
]);

export function findRequests(text: string): Mention<VendorKind>[] {
  return mentions(text, VENDORS);
}

/**
 * Kinds of supplier named by their vendor category rather than a kind ("balloons"); only an
 * exclusion reads them ("no balloons please" rules out every balloon supplier).
 */
const VENDOR_CATEGORIES = vocabulary([{ name: 'balloons', sources: ['balloons?'] }]);

/** Vendor categories said, except where the words are part of a kind asked for ("balloon arch"). */
export function findVendorCategories(text: string, kinds: readonly Mention[]): Mention[] {
  return mentions(text, VENDOR_CATEGORIES).filter(
    ({ start }) => !kinds.some((kind) => kind.start <= start && start < kind.end),
  );
}
