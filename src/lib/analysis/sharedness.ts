/**
 * Turns agreement numbers into the headline words a meeting can use ("Inhoud: hoog en sterk
 * gedeeld"). The bands and the level threshold are defined once, in bands.ts.
 *
 * The word answers "how much do the partners see this the same way", so it is read from the mean
 * of the section's single-item rwg values (LeBreton & Senter 2008). rwg(J) (James, Demaree & Wolf
 * 1984) is still computed and reported, but not used for the word: like Spearman–Brown it rises
 * with the number of items J, so seven statements that each reach only rwg .5 give rwg(J) ≈ .87
 * and every perspective would read "sterk gedeeld". Where the round's snapshot holds a bootstrap
 * interval of the mean item rwg, the word carries it ("matig tot sterk gedeeld", "nog onzeker").
 *
 * rwg scores two opposite camps and a spread over the whole scale alike. Weak agreement is
 * therefore split by Leik's D (above .70 the answers sit mostly at both ends: a uniform spread
 * gives .60 on five points, two camps at the ends give 1), and each statement is checked for two
 * camps on its own (`twoCamps`), because one split statement hides in a section average.
 */
import { formatNumber } from '$lib/format';
import {
	AGREEMENT_EDGES,
	AGREEMENT_STRONG_ABOVE,
	AGREEMENT_WEAK_UPTO,
	agreementBand,
	agreementReading,
	agreementWords,
	isWeakAgreement,
	LEVEL_HIGH_FROM,
	LEVEL_LOW_BELOW,
	onScale,
	UNCERTAIN,
	type WordReading
} from './bands';
import { capitalise } from './wording';
import { CAMPS_MIN_N, notSinglePeaked } from './two-camps';
import type { Sharedness, SpreadPattern } from './types';

export { CAMPS_MIN_N };

export const POLARISED_LEIK_D = 0.7;
/** Two camps by the shape of the answers: each camp holds at least a quarter of the answers… */
export const CAMP_SHARE_MIN = 0.25;
/**
 * …and the category between them at most 60% of the lower of the two camps' peaks. At .5 a clear
 * 20·25·10·25·20 split was missed in one sample of 350 out of five (sampling noise in the valley);
 * at .6 a uniform spread is flagged in about 3% of samples of 150, 18% of 60.
 */
export const CAMP_VALLEY_RATIO = 0.6;

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
 * A statement that splits the partners in two camps: weak or no agreement (rwg up to .50, the
 * bands of bands.ts), two groups with
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
	if (item.rwg === null || !Number.isFinite(item.rwg) || !isWeakAgreement(item.rwg)) return 'geen-twee-kampen';
	return hasValley(item.distribution) && notSinglePeaked(item.distribution) ? 'twee-kampen' : 'geen-twee-kampen';
}

export function twoCamps(item: { rwg: number | null; leikD: number | null; distribution: readonly number[] }): boolean {
	return campsVerdict(item) === 'twee-kampen';
}

/** "1 stelling verdeelt de partners in twee kampen." / "2 stellingen verdelen …" */
export function campsSentence(count: number): string {
	if (count <= 0) return '';
	return count === 1
		? '1 stelling verdeelt de partners in twee kampen.'
		: `${count} stellingen verdelen de partners in twee kampen.`;
}

const r2 = (x: number) => formatNumber(x, 2);

/** What the interval says about the word, for the explanation; empty without an interval. */
export function intervalSentence(w: WordReading, what: string): string {
	if (w.interval === null) return '';
	const range = `95%-interval ${r2(w.interval[0])}–${r2(w.interval[1])}`;
	if (w.certainty === 'band') return `Het ${range} ligt helemaal in ‘${w.word}’.`;
	if (w.certainty === 'two-bands') return `Het ${range} loopt over de grens van twee banden: daarom ‘${w.word}’.`;
	return `Het ${range} loopt over meer dan twee banden: ${what} is ${UNCERTAIN} (de puntschatting valt in ‘${w.pointWord}’).`;
}

export function sharedness(input: {
	/** Mean single-item rwg over the section's shown items: drives the word. */
	meanRwg: number | null;
	/** Bootstrap 95% interval of meanRwg from the snapshot; null when none was stored. */
	interval?: readonly [number, number] | null;
	/** Reported alongside; not used for the word. */
	rwgJ: number | null;
	consensus: number | null;
	leikD: number | null;
	/** Shown items that split the partners in two camps (see `twoCamps`). */
	polarisedItems: number;
}): Sharedness {
	const meanRwg = input.meanRwg !== null && Number.isFinite(input.meanRwg) ? input.meanRwg : null;
	const base = {
		meanRwg,
		rwgJ: input.rwgJ,
		consensus: input.consensus,
		leikD: input.leikD,
		polarisedItems: input.polarisedItems
	};
	if (meanRwg === null)
		return {
			...base,
			band: null,
			word: null,
			certainty: null,
			interval: null,
			pattern: null,
			label: 'Onbekend',
			explanation: 'Te weinig antwoorden om de overeenstemming te bepalen.'
		};
	const band = agreementBand(meanRwg);
	const reading = agreementReading(meanRwg, input.interval ?? null);
	const r = r2(meanRwg);
	const [lack, weak, moderate, strong] = AGREEMENT_EDGES.map(r2);
	const strongBand = band === 'sterk' || band === 'zeer-sterk';
	let pattern: SpreadPattern;
	if (strongBand) pattern = 'eensgezind';
	// "Twee kampen" in the label needs at least one statement that passes the calibrated test: a
	// section's mean Leik's D alone reaches .70 by chance for one or two single-peaked items.
	else
		pattern =
			input.leikD !== null && input.leikD >= POLARISED_LEIK_D && input.polarisedItems > 0
				? 'gepolariseerd'
				: 'verspreid';

	let explanation: string;
	if (strongBand)
		explanation = `De antwoorden liggen per stelling dicht bij elkaar (gemiddelde rwg ${r}): de partners zien dit grotendeels hetzelfde. Boven ${r2(AGREEMENT_STRONG_ABOVE)} geldt de overeenstemming als sterk, boven ${strong} als zeer sterk.`;
	else if (band === 'matig')
		explanation = `Er is een gemeenschappelijke lijn, maar ook duidelijk verschil tussen partners (gemiddelde rwg ${r}; boven ${weak} tot en met ${moderate} geldt de overeenstemming als matig).`;
	else if (pattern === 'gepolariseerd')
		explanation = `De partners staan in twee kampen: een deel is het eens, een ander deel oneens (gemiddelde rwg ${r}, Leiks D ${r2(input.leikD!)}). Het gemiddelde verbergt dat verschil.`;
	else {
		explanation =
			band === 'zwak'
				? `De overeenstemming per stelling is gemiddeld zwak (gemiddelde rwg ${r}; boven ${lack} tot en met ${r2(AGREEMENT_WEAK_UPTO)} geldt ze als zwak): er is (nog) nauwelijks een gedeeld beeld.`
				: `Er is geen gedeeld beeld: de overeenstemming per stelling is gemiddeld ${r}, tot en met ${lack} geldt dat als geen overeenstemming.`;
		if (input.polarisedItems === 0)
			explanation += ' De antwoorden lopen over de schaal uiteen; het gemiddelde zegt hier weinig.';
	}
	const uncertainty = intervalSentence(reading, 'de overeenstemming');
	if (uncertainty) explanation += ` ${uncertainty}`;
	const camps = campsSentence(input.polarisedItems);
	if (camps) explanation += ` ${camps}`;
	const label =
		pattern === 'gepolariseerd' && isWeakAgreement(meanRwg)
			? `${capitalise(reading.word)}: twee kampen`
			: capitalise(reading.word);
	return {
		...base,
		band,
		word: reading.word,
		certainty: reading.certainty,
		interval: reading.interval ? [reading.interval[0], reading.interval[1]] : null,
		pattern,
		label,
		explanation
	};
}

/** Why the level reads as it does: its word's lines, and its interval when there is one. */
export function levelExplanation(mean: number, w: WordReading, points: number): string {
	const high = r2(onScale(LEVEL_HIGH_FROM, points));
	const low = r2(onScale(LEVEL_LOW_BELOW, points));
	const s = `Het niveau ${r2(mean)} heet ‘${w.pointWord}’ (hoog vanaf ${high}, laag onder ${low}).`;
	const u = intervalSentence(w, 'het niveau');
	return u ? `${s} ${u}` : s;
}

/** The point estimate's word for one statement's rwg (statements have no interval). */
export const itemAgreementWord = (rwg: number | null): string | null =>
	rwg === null || !Number.isFinite(rwg) ? null : agreementWords[agreementBand(rwg)];

/**
 * "Governance: laag en niet gedeeld" — the one line a chair reads out. `level` is the level's
 * word with its uncertainty (`levelReading`).
 */
export function sectionSentence(shortTitle: string, level: string, s: Sharedness): string {
	const levelUnsure = level === UNCERTAIN;
	if (s.word === null) return `${shortTitle}: ${levelUnsure ? `niveau ${UNCERTAIN}` : level}`;
	const sharedUnsure = s.word === UNCERTAIN;
	if (levelUnsure && sharedUnsure) return `${shortTitle}: niveau en overeenstemming ${UNCERTAIN}`;
	if (levelUnsure) return `${shortTitle}: niveau ${UNCERTAIN}, ${s.word}`;
	if (sharedUnsure) return `${shortTitle}: ${level}, overeenstemming ${UNCERTAIN}`;
	return `${shortTitle}: ${level} en ${s.word}`;
}

/** A section whose statements are all about the respondents' own organisations: there is no shared picture to measure. */
export function sharednessNotApplicable(): Sharedness {
	return {
		meanRwg: null,
		rwgJ: null,
		consensus: null,
		leikD: null,
		polarisedItems: 0,
		band: null,
		certainty: null,
		interval: null,
		word: null,
		pattern: null,
		label: 'Niet van toepassing',
		explanation:
			'De stellingen van dit onderdeel gaan over de eigen organisatie van de deelnemer. Daarop verschillen de antwoorden van organisaties vanzelf, dus hoe gedeeld het beeld is, wordt hier niet bepaald.'
	};
}
