/**
 * The one place where the dashboard's words meet their numbers: the agreement bands, the level
 * thresholds, and how a 95% interval turns a word into "matig tot sterk gedeeld" or "nog onzeker".
 * The headline sentence, the section cards, the quadrants, the agenda and the report all read
 * their words from here, so a figure exactly on a line reads the same on every page.
 *
 * Agreement: five bands for rwg as in LeBreton & Senter (2008, table 3): .00–.30 lack of
 * agreement, .31–.50 weak, .51–.70 moderate, .71–.90 strong, .91–1.00 very strong. Their bands are
 * written in two decimals, so a band is read from the rwg rounded to two decimals, as the page
 * prints it: .70 is moderate, .71 strong, and a printed number never sits in another band than its
 * word. Each edge belongs to the band below it.
 *
 * Level: one threshold for "hoog", used by the headline and the quadrants alike. 3.5 on five
 * points: a mean from 3.5 lies nearer to "eens" (4) than to "neutraal" (3), the same reading as
 * rounding the mean to an answer. The earlier 3.75 for the word beside 3.5 for the quadrant let a
 * 3.6 read "midden" in the headline and "sterk" in the plot. "Laag" stays below 3.0, the neutral
 * middle: more disagreement than agreement. Level words are read from the mean in two decimals
 * too; the edges sit at the same relative spot on other scale lengths (`onScale`).
 */

export type AgreementBand = 'niet' | 'zwak' | 'matig' | 'sterk' | 'zeer-sterk';
export const agreementBands: readonly AgreementBand[] = ['niet', 'zwak', 'matig', 'sterk', 'zeer-sterk'];
/** Upper edge of each band but the last, in rwg; the edge itself belongs to the band below. */
export const AGREEMENT_EDGES = [0.3, 0.5, 0.7, 0.9] as const;
/** Strong agreement starts above this: the quadrant's line and the "eensgezind" pattern. */
export const AGREEMENT_STRONG_ABOVE = AGREEMENT_EDGES[2];
/** Weak agreement ends here: at or below it a statement may be "in twee kampen". */
export const AGREEMENT_WEAK_UPTO = AGREEMENT_EDGES[1];

export type LevelWord = 'laag' | 'midden' | 'hoog';
export const levelWords: readonly LevelWord[] = ['laag', 'midden', 'hoog'];
/** On five points: "hoog" from 3.5, "laag" below 3.0. */
export const LEVEL_HIGH_FROM = 3.5;
export const LEVEL_LOW_BELOW = 3.0;

/** Places a cut-off set for five points at the same relative spot of a 1..points scale. */
export const onScale = (fivePointValue: number, points: number): number =>
	1 + ((fivePointValue - 1) * (points - 1)) / 4;

/** Compared in whole hundredths, so that 0.7000000001 from a sum of squares is still .70. */
const hundredths = (x: number): number => Math.round(x * 100);

export function agreementBandIndex(rwg: number): number {
	const h = hundredths(rwg);
	let b = 0;
	while (b < AGREEMENT_EDGES.length && h > hundredths(AGREEMENT_EDGES[b])) b++;
	return b;
}

export const agreementBand = (rwg: number): AgreementBand => agreementBands[agreementBandIndex(rwg)];

/** Strong or very strong: the upper half of the quadrant plot. */
export const isStrongAgreement = (rwg: number): boolean => agreementBandIndex(rwg) >= agreementBands.indexOf('sterk');

/** Weak or no agreement: the only statements that may be in two camps. */
export const isWeakAgreement = (rwg: number): boolean => agreementBandIndex(rwg) <= agreementBands.indexOf('zwak');

export function levelIndex(mean: number, points: number): number {
	const h = hundredths(mean);
	if (h >= hundredths(onScale(LEVEL_HIGH_FROM, points))) return 2;
	if (h < hundredths(onScale(LEVEL_LOW_BELOW, points))) return 0;
	return 1;
}

export const levelWord = (mean: number, points: number): LevelWord => levelWords[levelIndex(mean, points)];

export const agreementWords: Record<AgreementBand, string> = {
	niet: 'niet gedeeld',
	zwak: 'zwak gedeeld',
	matig: 'matig gedeeld',
	sterk: 'sterk gedeeld',
	'zeer-sterk': 'zeer sterk gedeeld'
};

/** The two-band words: "matig tot sterk gedeeld"; the lowest pair reads "niet of zwak gedeeld". */
const agreementPairWords: readonly string[] = [
	'niet of zwak gedeeld',
	'zwak tot matig gedeeld',
	'matig tot sterk gedeeld',
	'sterk tot zeer sterk gedeeld'
];

/** Said when a 95% interval spans more than two bands. */
export const UNCERTAIN = 'nog onzeker';

/**
 * How sure the word is. `band`: the interval lies in the point estimate's band; `two-bands`: it
 * crosses one edge; `uncertain`: it spans more than two bands; `point`: no interval was stored
 * (published before intervals existed), so the word is the point estimate's and says nothing
 * about uncertainty.
 */
export type Certainty = 'band' | 'two-bands' | 'uncertain' | 'point';

export interface WordReading {
	/** The word to print: "sterk gedeeld", "matig tot sterk gedeeld", "nog onzeker". */
	word: string;
	/** The point estimate's word, for the explanation of "nog onzeker". */
	pointWord: string;
	certainty: Certainty;
	interval: readonly [number, number] | null;
}

/**
 * The bands from the interval's low end to its high end, the point estimate included (a
 * percentile interval of a clamped statistic can miss its own point estimate at the edge).
 */
function reading(
	point: number,
	interval: readonly [number, number] | null,
	index: (x: number) => number,
	single: readonly string[],
	pair: (low: number) => string
): WordReading {
	const p = index(point);
	const pointWord = single[p];
	if (interval === null) return { word: pointWord, pointWord, certainty: 'point', interval: null };
	const low = Math.min(p, index(interval[0]));
	const high = Math.max(p, index(interval[1]));
	if (low === high) return { word: pointWord, pointWord, certainty: 'band', interval };
	if (high - low === 1) return { word: pair(low), pointWord, certainty: 'two-bands', interval };
	return { word: UNCERTAIN, pointWord, certainty: 'uncertain', interval };
}

export function agreementReading(meanRwg: number, interval: readonly [number, number] | null): WordReading {
	return reading(
		meanRwg,
		interval,
		agreementBandIndex,
		agreementBands.map((b) => agreementWords[b]),
		(low) => agreementPairWords[low]
	);
}

export function levelReading(mean: number, interval: readonly [number, number] | null, points: number): WordReading {
	return reading(
		mean,
		interval,
		(x) => levelIndex(x, points),
		levelWords,
		(low) => `${levelWords[low]} tot ${levelWords[low + 1]}`
	);
}
