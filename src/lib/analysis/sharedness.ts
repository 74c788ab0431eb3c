/**
 * Turns agreement numbers into the headline words a meeting can use ("Inhoud: hoog en gedeeld").
 *
 * Agreement is read from rwg(J) with the conventional cut-offs (LeBreton & Senter 2008):
 * ≥ .70 strong, .50–.70 moderate, < .50 weak. Because rwg scores two opposite camps and a spread
 * over the whole scale alike, weak agreement is split by Leik's D: above .70 the answers sit
 * mostly at both ends (a uniform spread gives .60 on five points, two camps give 1).
 */
import { formatDecimal } from './format';
import type { AgreementStrength, LevelWord, Sharedness, SharedWord, SpreadPattern } from './types';

export const AGREEMENT_STRONG = 0.7;
export const AGREEMENT_MODERATE = 0.5;
export const POLARISED_LEIK_D = 0.7;

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

const words: Record<AgreementStrength, SharedWord> = {
	sterk: 'gedeeld',
	matig: 'deels gedeeld',
	zwak: 'verdeeld'
};

export function sharedness(input: {
	rwgJ: number | null;
	consensus: number | null;
	leikD: number | null;
}): Sharedness {
	const strength = agreementStrength(input.rwgJ);
	const base = { rwgJ: input.rwgJ, consensus: input.consensus, leikD: input.leikD, strength };
	if (strength === null)
		return {
			...base,
			word: null,
			pattern: null,
			label: 'Onbekend',
			explanation: 'Te weinig antwoorden om de overeenstemming te bepalen.'
		};
	const r = formatDecimal(input.rwgJ!, 2);
	let pattern: SpreadPattern;
	if (strength === 'sterk') pattern = 'eensgezind';
	else pattern = input.leikD !== null && input.leikD >= POLARISED_LEIK_D ? 'gepolariseerd' : 'verspreid';

	let label: string;
	let explanation: string;
	if (strength === 'sterk') {
		label = 'Gedeeld';
		explanation = `De antwoorden liggen dicht bij elkaar (rwg ${r}): de partners zien dit grotendeels hetzelfde. Vanaf 0,70 geldt de overeenstemming als sterk.`;
	} else if (strength === 'matig') {
		label = 'Deels gedeeld';
		explanation = `Er is een gemeenschappelijke lijn, maar ook duidelijk verschil tussen partners (rwg ${r}; tussen 0,50 en 0,70 geldt de overeenstemming als matig).`;
	} else if (pattern === 'gepolariseerd') {
		label = 'Verdeeld: twee kampen';
		explanation = `De partners staan in twee kampen: een deel is het eens, een ander deel oneens (rwg ${r}, Leiks D ${formatDecimal(input.leikD!, 2)}). Het gemiddelde verbergt dat verschil.`;
	} else {
		label = 'Verdeeld: geen gedeeld beeld';
		explanation = `De antwoorden lopen over de hele schaal uiteen (rwg ${r}, onder 0,50): er is (nog) geen gedeeld beeld. Het gemiddelde zegt hier weinig.`;
	}
	return { ...base, word: words[strength], pattern, label, explanation };
}

/** "Governance: laag en verdeeld" — the one line a chair reads out. */
export function sectionSentence(shortTitle: string, level: LevelWord, s: Sharedness): string {
	return s.word === null ? `${shortTitle}: ${level}` : `${shortTitle}: ${level} en ${s.word}`;
}
