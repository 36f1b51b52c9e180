import sharp from 'sharp';
import { illustration, type Scene } from './illustrations.ts';

/** A sample article's featured image: what to draw, and its description for readers who cannot see it. */
export interface SamplePicture {
  scene: Scene;
  alt: string;
}

/**
 * The featured images of the sample articles, by slug: more than half of them, so that lists show
 * both kinds of item (with a picture and without). Every one is an illustration drawn for the
 * Gazette in illustrations.ts.
 */
export const samplePictures: Record<string, SamplePicture> = {
  'gull-island-ferries-new-vessel': {
    scene: { kind: 'harbour', mood: 'dusk', ferry: true, seed: 11 },
    alt: 'Illustration: a white ferry with a red band and lit windows in Harbourton harbour at dusk, fishing boats moored nearby',
  },
  'winter-market-48-stalls-on-the-quay': {
    scene: { kind: 'market', mood: 'dusk', seed: 12 },
    alt: 'Illustration: a row of striped market stalls hung with lights along the quay at dusk',
  },
  'corrow-head-cliff-erosion-survey': {
    scene: { kind: 'coast', mood: 'morning', cliffs: true, seed: 13 },
    alt: 'Illustration: cracked sandstone cliffs above the sea at Corrow Head, a survey flag on the clifftop',
  },
  'boatyard-takes-on-six-apprentices': {
    scene: { kind: 'harbour', mood: 'morning', crane: true, seed: 14 },
    alt: 'Illustration: a yellow crane over the boatyard on the harbour, boats on the water in morning light',
  },
  'town-centre-parking-charges-consultation': {
    scene: { kind: 'street', mood: 'noon', seed: 15 },
    alt: 'Illustration: a terrace of brightly painted shops and houses along a town-centre street',
  },
  'sallowmere-beach-clean-400kg': {
    scene: { kind: 'coast', mood: 'noon', seed: 16 },
    alt: 'Illustration: volunteers with full rubbish sacks on the sand at Sallowmere beach',
  },
  'fennick-fields-floodlit-pitch-opens': {
    scene: { kind: 'pitch', mood: 'night', seed: 17 },
    alt: 'Illustration: a football pitch lit by two floodlights under a starry night sky',
  },
  'swing-bridge-cycle-lane-permanent': {
    scene: { kind: 'bridge', mood: 'noon', seed: 18 },
    alt: 'Illustration: a cyclist on the green lane of the swing bridge across the harbour',
  },
  'gale-cancels-ferries-closes-promenade': {
    scene: { kind: 'weather', mood: 'storm', seed: 19 },
    alt: 'Illustration: heavy rain from dark clouds over a row of houses, a figure sheltering under a red umbrella',
  },
  'rowing-club-sweeps-autumn-regatta': {
    scene: { kind: 'rowing', mood: 'morning', seed: 20 },
    alt: 'Illustration: three racing boats, each with four rowers, side by side on the bay',
  },
  'fish-market-extends-saturday-hours': {
    scene: { kind: 'market', mood: 'morning', seed: 21 },
    alt: 'Illustration: striped market stalls on the quayside in the morning, boats in the harbour behind',
  },
  'wettest-september-in-a-decade': {
    scene: { kind: 'weather', mood: 'storm', seed: 22 },
    alt: 'Illustration: rain falling on a street of houses with lit windows, puddles on the road',
  },
  'chess-club-moves-to-central-library': {
    scene: { kind: 'library', mood: 'noon', chess: true, seed: 23 },
    alt: 'Illustration: a chessboard with pieces on a table in front of library shelves full of books',
  },
  'wrenna-point-lighthouse-appeal': {
    scene: { kind: 'lighthouse', mood: 'night', seed: 24 },
    alt: 'Illustration: the red-and-white lighthouse on Wrenna Point shining its beam across the sea at night',
  },
  'route-7-buses-every-20-minutes': {
    scene: { kind: 'street', mood: 'morning', bus: true, seed: 25 },
    alt: 'Illustration: a green single-decker bus passing a terrace of houses',
  },
  'tansy-row-community-garden-doubles': {
    scene: { kind: 'park', mood: 'noon', garden: true, seed: 26 },
    alt: 'Illustration: raised vegetable beds with ripening crops in a garden lined with trees',
  },
  'jazz-weekend-returns-to-bandstand': {
    scene: { kind: 'park', mood: 'dusk', bandstand: true, seed: 27 },
    alt: 'Illustration: a musician playing a saxophone on the park bandstand at dusk, music notes in the air',
  },
  'lower-town-flood-drill': {
    scene: { kind: 'weather', mood: 'storm', flood: true, seed: 28 },
    alt: 'Illustration: floodwater across a street of houses in the rain, with a barrier and a warning sign',
  },
  'salt-and-crumb-bakery-opens-quay-street': {
    scene: { kind: 'street', mood: 'morning', awning: '#c23b3b', seed: 29 },
    alt: 'Illustration: a bakery shopfront with a red-striped awning and loaves in the window',
  },
  'inner-harbour-dredging-october': {
    scene: { kind: 'harbour', mood: 'noon', crane: true, seed: 30 },
    alt: 'Illustration: a crane on a barge working in the inner harbour, with moored boats and houses on the hill',
  },
  'council-draft-budget-roads-libraries': {
    scene: { kind: 'town-hall', mood: 'noon', seed: 31 },
    alt: 'Illustration: the columned front of Harbourton town hall with its clock tower',
  },
};

/**
 * Draws a sample picture and encodes it as a WebP, the bytes an editor would upload. The uploads
 * service then decodes, strips and resizes it exactly as it does a photograph.
 */
export async function renderSamplePicture(picture: SamplePicture): Promise<Buffer> {
  return sharp(Buffer.from(illustration(picture.scene)))
    .webp({ quality: 90 })
    .toBuffer();
}
