/**
 * Turns agreement numbers into the headline words a meeting can use ("Inhoud: hoog en gedeeld").
 *
 * The word answers "how much do the partners see this the same way", so it is read from the mean
 * of the section's single-item rwg values, with the conventional cut-offs (LeBreton & Senter
 * 2008): ≥ .70 strong, .50–.70 moderate, < .50 weak. rwg(J) (James, Demaree & Wolf 1984) is still
 * computed and reported, but not used for the word: like Spearman–Brown it rises with the number
 * of items J, so seven statements that each reach only rwg .5 give rwg(J) ≈ .87 and every
 * perspective would read "gedeeld".
 *
 * rwg scores two opposite camps and a spread over the whole scale alike. Weak agreement is
 * therefore split by Leik's D (above .70 the answers sit mostly at both ends: a uniform spread
 * gives .60 on five points, two camps at the ends give 1), and each statement is checked for two
 * camps on its own (`twoCamps`), because one split statement hides in a section average.
 */
import { formatNumber } from '$lib/format';
import { CAMPS_MIN_N, notSinglePeaked } from './two-camps';
import type { AgreementStrength, LevelWord, Sharedness, SharedWord, SpreadPattern } from './types';

export { CAMPS_MIN_N };

export const AGREEMENT_STRONG = 0.7;
export const AGREEMENT_MODERATE = 0.5;
export const POLARISED_LEIK_D = 0.7;
/** Two camps by the shape of the answers: each camp holds at least a quarter of the answers… */
export const CAMP_SHARE_MIN = 0.25;
/**
 * …and the category between them at most 60% of the lower of the two camps' peaks. At .5 a clear
 * 20·25·10·25·20 split was missed in one sample of 350 out of five (sampling noise in the valley);
 * at .6 a uniform spread is flagged in about 3% of samples of 150, 18% of 60.
 */
export const CAMP_VALLEY_RATIO = 0.6;

/** Level cut-offs on the 1–5 scale: 3.0 is "neutral", 3.75 is "clearly on the agree side". */
export const LEVEL_HIGH = 3.75;
export const LEVEL_LOW = 3.0;

/** Places a cut-off set for five points at the same relative spot of a 1..points scale. */
export const onScale = (fivePointValue: number, points: number): number =>
	1 + ((fivePointValue - 1) * (points - 1)) / 4;

export function levelWord(mean: number, points: number): LevelWord {
	if (mean >= onScale(LEVEL_HIGH, points)) return 'hoog';
	if (mean < onScale(LEVEL_LOW, points)) return 'laag';
	return 'midden';
}

export function agreementStrength(agreement: number | null): AgreementStrength | null {
	if (agreement === null || !Number.isFinite(agreement)) return null;
	if (agreement >= AGREEMENT_STRONG) return 'sterk';
	if (agreement >= AGREEMENT_MODERATE) return 'matig';
	return 'zwak';
}

/**
 * Whether the answer counts (index 0 is answer 1) fall apart in two groups with a valley between
 * them: some answer category with at least a quarter of all answers on either side and at most
 * 60% as many answers as the lower of the two sides' peaks. A uniform spread or a broad
 * single peak has no such valley; 75·87·25·84·71 (camps at 1–2 and 4–5) has one at 3.
 *
 * Leik's D alone misses camps that sit at 2 and 4 rather than at the ends, or that are unequal in
 * size: 55·84·30·116·68 has D .61, hardly above a uniform spread's .60.
 */
export function hasValley(counts: readonly number[]): boolean {
	let n = 0;
	for (const c of counts) n += c;
	if (n === 0) return false;
	for (let j = 1; j < counts.length - 1; j++) {
		let left = 0;
		let leftTop = 0;
		let right = 0;
		let rightTop = 0;
		for (let i = 0; i < j; i++) {
			left += counts[i];
			leftTop = Math.max(leftTop, counts[i]);
		}
		for (let i = j + 1; i < counts.length; i++) {
			right += counts[i];
			rightTop = Math.max(rightTop, counts[i]);
		}
		if (
			left >= CAMP_SHARE_MIN * n &&
			right >= CAMP_SHARE_MIN * n &&
			counts[j] <= CAMP_VALLEY_RATIO * Math.min(leftTop, rightTop)
		)
			return true;
	}
	return false;
}

/** What the dashboard may say about two camps for one statement. */
export type CampsVerdict = 'twee-kampen' | 'geen-twee-kampen' | 'te-weinig-antwoorden';

/**
 * A statement that splits the partners in two camps: weak agreement (rwg < .50), two groups with
 * a valley between them (`hasValley`), and a likelihood-ratio test that no single peak holding
 * 40% of the answers explains the counts (`notSinglePeaked`, two-camps.ts). The shape alone, and
 * Leik's D ≥ .70 as a second road, flagged single-peaked items in up to 28% of samples; with the
 * test the false-alarm rate is at most 5% at every n for single-peaked items. Below CAMPS_MIN_N
 * answers there is no verdict.
 */
export function campsVerdict(item: {
	rwg: number | null;
	leikD: number | null;
	distribution: readonly number[];
}): CampsVerdict {
	let n = 0;
	for (const c of item.distribution) n += c;
	if (n < CAMPS_MIN_N) return 'te-weinig-antwoorden';
	if (item.rwg === null || !Number.isFinite(item.rwg) || item.rwg >= AGREEMENT_MODERATE) return 'geen-twee-kampen';
	return hasValley(item.distribution) && notSinglePeaked(item.distribution) ? 'twee-kampen' : 'geen-twee-kampen';
}

export function twoCamps(item: { rwg: number | null; leikD: number | null; distribution: readonly number[] }): boolean {
	return campsVerdict(item) === 'twee-kampen';
}

const words: Record<AgreementStrength, SharedWord> = {
	sterk: 'gedeeld',
	matig: 'deels gedeeld',
	zwak: 'verdeeld'
};

/** "1 stelling verdeelt de partners in twee kampen." / "2 stellingen verdelen …" */
export function campsSentence(count: number): string {
	if (count <= 0) return '';
	return count === 1
		? '1 stelling verdeelt de partners in twee kampen.'
		: `${count} stellingen verdelen de partners in twee kampen.`;
}

export function sharedness(input: {
	/** Mean single-item rwg over the section's shown items: drives the word. */
	meanRwg: number | null;
	/** Reported alongside; not used for the word. */
	rwgJ: number | null;
	consensus: number | null;
	leikD: number | null;
	/** Shown items that split the partners in two camps (see `twoCamps`). */
	polarisedItems: number;
}): Sharedness {
	const meanRwg = input.meanRwg !== null && Number.isFinite(input.meanRwg) ? input.meanRwg : null;
	const strength = agreementStrength(meanRwg);
	const base = {
		meanRwg,
		rwgJ: input.rwgJ,
		consensus: input.consensus,
		leikD: input.leikD,
		polarisedItems: input.polarisedItems,
		strength
	};
	if (meanRwg === null || strength === null)
		return {
			...base,
			word: null,
			pattern: null,
			label: 'Onbekend',
			explanation: 'Te weinig antwoorden om de overeenstemming te bepalen.'
		};
	const r = formatNumber(meanRwg, 2);
	const strong = formatNumber(AGREEMENT_STRONG, 2);
	const moderate = formatNumber(AGREEMENT_MODERATE, 2);
	let pattern: SpreadPattern;
	if (strength === 'sterk') pattern = 'eensgezind';
	// "Twee kampen" in the label needs at least one statement that passes the calibrated test: a
	// section's mean Leik's D alone reaches .70 by chance for one or two single-peaked items.
	else
		pattern =
			input.leikD !== null && input.leikD >= POLARISED_LEIK_D && input.polarisedItems > 0
				? 'gepolariseerd'
				: 'verspreid';

	let label: string;
	let explanation: string;
	if (strength === 'sterk') {
		label = 'Gedeeld';
		explanation = `De antwoorden liggen per stelling dicht bij elkaar (gemiddelde rwg ${r}): de partners zien dit grotendeels hetzelfde. Vanaf ${strong} geldt de overeenstemming als sterk.`;
	} else if (strength === 'matig') {
		label = 'Deels gedeeld';
		explanation = `Er is een gemeenschappelijke lijn, maar ook duidelijk verschil tussen partners (gemiddelde rwg ${r}; tussen ${moderate} en ${strong} geldt de overeenstemming als matig).`;
	} else if (pattern === 'gepolariseerd') {
		label = 'Verdeeld: twee kampen';
		explanation = `De partners staan in twee kampen: een deel is het eens, een ander deel oneens (gemiddelde rwg ${r}, Leiks D ${formatNumber(input.leikD!, 2)}). Het gemiddelde verbergt dat verschil.`;
	} else {
		label = 'Verdeeld: geen gedeeld beeld';
		explanation = `De overeenstemming per stelling is gemiddeld zwak (gemiddelde rwg ${r}, onder ${moderate}): er is (nog) geen gedeeld beeld.`;
		if (input.polarisedItems === 0)
			explanation += ' De antwoorden lopen over de schaal uiteen; het gemiddelde zegt hier weinig.';
	}
	const camps = campsSentence(input.polarisedItems);
	if (camps) explanation += ` ${camps}`;
	return { ...base, word: words[strength], pattern, label, explanation };
}

/** "Governance: laag en verdeeld" — the one line a chair reads out. */
export function sectionSentence(shortTitle: string, level: LevelWord, s: Sharedness): string {
	return s.word === null ? `${shortTitle}: ${level}` : `${shortTitle}: ${level} en ${s.word}`;
}

/** A section whose statements are all about the respondents' own organisations: there is no shared picture to measure. */
export function sharednessNotApplicable(): Sharedness {
	return {
		meanRwg: null,
		rwgJ: null,
		consensus: null,
		leikD: null,
		polarisedItems: 0,
		strength: null,
		word: null,
		pattern: null,
		label: 'Niet van toepassing',
		explanation:
			'De stellingen van dit onderdeel gaan over de eigen organisatie van de deelnemer. Daarop verschillen de antwoorden van organisaties vanzelf, dus hoe gedeeld het beeld is, wordt hier niet bepaald.'
	};
}
