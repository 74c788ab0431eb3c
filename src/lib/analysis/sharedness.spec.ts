import { describe, expect, it } from 'vitest';
import { rwgJFromMeanVariance } from './agreement-tallies';
import { campsVerdict, hasValley, sectionSentence, sharedness, twoCamps } from './sharedness';

const input = (meanRwg: number | null, over: Partial<Parameters<typeof sharedness>[0]> = {}) =>
	sharedness({ meanRwg, rwgJ: null, consensus: null, leikD: null, polarisedItems: 0, ...over });

describe('sharedness', () => {
	it('uses the five rwg bands on the mean item rwg, not on rwg(J)', () => {
		expect(input(0.95, { rwgJ: 0.99 }).word).toBe('zeer sterk gedeeld');
		expect(input(0.82, { rwgJ: 0.95 }).word).toBe('sterk gedeeld');
		expect(input(0.7, { rwgJ: 0.9 }).word).toBe('matig gedeeld');
		expect(input(0.6, { rwgJ: 0.91 }).word).toBe('matig gedeeld');
		expect(input(0.5, { rwgJ: 0.875 }).word).toBe('zwak gedeeld');
		expect(input(0.3, { rwgJ: 0.83 }).word).toBe('niet gedeeld');
	});

	it('carries the interval into the word, the label and the explanation', () => {
		const s = input(0.74, { interval: [0.62, 0.78] });
		expect(s).toMatchObject({ band: 'sterk', word: 'matig tot sterk gedeeld', certainty: 'two-bands' });
		expect(s.label).toBe('Matig tot sterk gedeeld');
		expect(s.explanation).toMatch(/95%-interval 0,62–0,78 loopt over de grens van twee banden/);
		const unsure = input(0.6, { interval: [0.45, 0.75] });
		expect(unsure.word).toBe('nog onzeker');
		expect(unsure.explanation).toMatch(/de puntschatting valt in ‘matig gedeeld’/);
		expect(input(0.8, { interval: [0.75, 0.85] }).explanation).toMatch(/0,75–0,85 ligt helemaal in ‘sterk gedeeld’/);
		expect(input(0.8).explanation).not.toMatch(/interval/);
	});

	it('reads seven statements of rwg .5 as zwak gedeeld, although rwg(J) is .875', () => {
		// rwg .5 on five points: item variance 1 against σ²EU = (25 − 1)/12 = 2.
		// rwg(J) = 7·(1 − ½) / (7·(1 − ½) + ½) = 3.5 / 4 = .875.
		const rwgJ = rwgJFromMeanVariance(1, 7, 5);
		expect(rwgJ).toBeCloseTo(0.875, 12);
		const s = input(0.5, { rwgJ });
		expect(s.rwgJ).toBeGreaterThan(0.8);
		expect(s.meanRwg).toBe(0.5);
		expect(s.band).toBe('zwak');
		expect(s.word).toBe('zwak gedeeld');
		expect(s.explanation).toMatch(/gemiddelde rwg 0,50/);
	});

	it('keeps rwg(J), consensus, Leik’s D and the split count in the output', () => {
		const s = sharedness({ meanRwg: 0.42, rwgJ: 0.83, consensus: 0.61, leikD: 0.42, polarisedItems: 2 });
		expect(s).toMatchObject({ meanRwg: 0.42, rwgJ: 0.83, consensus: 0.61, leikD: 0.42, polarisedItems: 2 });
	});

	it('tells two camps from a spread where rwg cannot', () => {
		// Both have rwg 0: two camps at 1 and 5 (D = 1) versus a uniform spread (D = .6).
		const camps = input(0, { consensus: 0, leikD: 1, polarisedItems: 7 });
		const spread = input(0, { consensus: 0.43, leikD: 0.6 });
		expect(camps.pattern).toBe('gepolariseerd');
		expect(camps.label).toBe('Niet gedeeld: twee kampen');
		expect(camps.explanation).toMatch(/twee kampen/);
		expect(spread.pattern).toBe('verspreid');
		expect(spread.label).toBe('Niet gedeeld');
		expect(spread.explanation).toMatch(/^Er is geen gedeeld beeld/);
		expect(spread.explanation).toMatch(/lopen over de schaal uiteen/);
	});

	it('says two camps only when a statement passes the calibrated test', () => {
		// A section of one or two single-peaked statements reaches a mean Leik's D of .70 by chance.
		const s = input(0.3, { leikD: 0.75, polarisedItems: 0 });
		expect(s.pattern).toBe('verspreid');
		expect(s.label).not.toMatch(/kampen/);
		expect(input(0.3, { leikD: 0.75, polarisedItems: 1 }).label).toBe('Niet gedeeld: twee kampen');
		expect(input(0.45, { leikD: 0.75, polarisedItems: 1 }).label).toBe('Zwak gedeeld: twee kampen');
	});

	it('names the statements that split the partners, whatever the section word', () => {
		const gov = input(0.42, { leikD: 0.42, polarisedItems: 2 });
		expect(gov.word).toBe('zwak gedeeld');
		expect(gov.pattern).toBe('verspreid');
		expect(gov.explanation).toBe(
			'De overeenstemming per stelling is gemiddeld zwak (gemiddelde rwg 0,42; boven 0,30 tot en met 0,50 geldt ze als zwak): er is (nog) nauwelijks een gedeeld beeld. 2 stellingen verdelen de partners in twee kampen.'
		);
		const bel = input(0.51, { leikD: 0.37, polarisedItems: 1 });
		expect(bel.word).toBe('matig gedeeld');
		expect(bel.explanation).toMatch(/ 1 stelling verdeelt de partners in twee kampen\.$/);
		expect(input(0.63, { polarisedItems: 0 }).explanation).not.toMatch(/kampen/);
	});

	it('says so when agreement cannot be computed', () => {
		const s = input(null, { rwgJ: null });
		expect(s.word).toBeNull();
		expect(s.band).toBeNull();
		expect(s.explanation).toMatch(/Te weinig/);
	});

	it('builds the headline sentence', () => {
		expect(sectionSentence('Inhoud', 'hoog', input(0.8))).toBe('Inhoud: hoog en sterk gedeeld');
		expect(sectionSentence('Relatie', 'midden', input(0.63, { rwgJ: 0.92 }))).toBe('Relatie: midden en matig gedeeld');
		expect(sectionSentence('Governance', 'laag', input(0.42, { rwgJ: 0.83, polarisedItems: 2 }))).toBe(
			'Governance: laag en zwak gedeeld'
		);
		expect(sectionSentence('Proces', 'midden', input(null))).toBe('Proces: midden');
		expect(sectionSentence('Proces', 'midden tot hoog', input(0.74, { interval: [0.62, 0.78] }))).toBe(
			'Proces: midden tot hoog en matig tot sterk gedeeld'
		);
		expect(sectionSentence('Proces', 'nog onzeker', input(0.8))).toBe('Proces: niveau nog onzeker, sterk gedeeld');
		expect(sectionSentence('Proces', 'hoog', input(0.6, { interval: [0.45, 0.75] }))).toBe(
			'Proces: hoog, overeenstemming nog onzeker'
		);
		expect(sectionSentence('Proces', 'nog onzeker', input(0.6, { interval: [0.45, 0.75] }))).toBe(
			'Proces: niveau en overeenstemming nog onzeker'
		);
		expect(sectionSentence('Proces', 'nog onzeker', input(null))).toBe('Proces: niveau nog onzeker');
	});
});

describe('twoCamps', () => {
	it('finds camps at 1–2 and 4–5 that Leik’s D (.68) misses', () => {
		// 342 answers; valley at 3: 25 ≤ .6 · min(87, 84) = 50.4, and 162 and 155 answers on either
		// side, both over a quarter (85.5). Leik's D: F = .219, .474, .547, .792 → (.219 + .474 +
		// .453 + .208) / 2 = .677.
		const counts = [75, 87, 25, 84, 71];
		expect(hasValley(counts)).toBe(true);
		expect(twoCamps({ rwg: 0, leikD: 0.677, distribution: counts })).toBe(true);
	});

	it('finds unequal camps: 39% against 52%', () => {
		// 353 answers; 30 ≤ .6 · min(84, 116) = 50.4; sides 139 and 184 ≥ 88.25.
		expect(hasValley([55, 84, 30, 116, 68])).toBe(true);
	});

	it('does not call a uniform spread, a broad peak or a mild U two camps', () => {
		expect(hasValley([20, 20, 20, 20, 20])).toBe(false);
		expect(hasValley([10, 20, 40, 20, 10])).toBe(false);
		// 16 > .6 · 18 = 10.8 at 3, and 18 > .6 · 24 at 2 and 4.
		expect(hasValley([24, 18, 16, 18, 24])).toBe(false);
		expect(twoCamps({ rwg: 0, leikD: 0.6, distribution: [20, 20, 20, 20, 20] })).toBe(false);
	});

	it('does not call a few dissenters a camp', () => {
		// 90 at 1 and 10 at 5: rwg = 1 − (1.44 · 100/99)/2 ≈ .27, D = .2, but 10% < a quarter.
		expect(hasValley([90, 0, 0, 0, 10])).toBe(false);
		expect(twoCamps({ rwg: 0.27, leikD: 0.2, distribution: [90, 0, 0, 0, 10] })).toBe(false);
	});

	it('needs weak agreement first', () => {
		// 4·2, 1·3, 4·4: a valley, but variance 8/8 = 1 gives rwg exactly .5, not below it.
		expect(hasValley([0, 4, 1, 4, 0])).toBe(true);
		expect(twoCamps({ rwg: 0.5, leikD: 0.44, distribution: [0, 4, 1, 4, 0] })).toBe(false);
		expect(twoCamps({ rwg: null, leikD: null, distribution: [1, 0, 0, 0, 1] })).toBe(false);
	});

	it('counts answers at both ends, but not Leik’s D ≥ .70 alone', () => {
		// 50 at 1, 50 at 5: D = 1, rwg 0 (variance 4.04 above σ²EU = 2, clamped), and a valley.
		expect(twoCamps({ rwg: 0, leikD: 1, distribution: [50, 0, 0, 0, 50] })).toBe(true);
		// A single peak of 40% at 1 with the rest flat has D .65; samples reach .70 by chance.
		expect(twoCamps({ rwg: 0.2, leikD: 0.7, distribution: [20, 20, 20, 20, 20] })).toBe(false);
		expect(twoCamps({ rwg: 0, leikD: 0.71, distribution: [9, 2, 3, 2, 4] })).toBe(false);
	});

	it('needs a single peak to be ruled out, not only a dip in the sample', () => {
		// 8·3·1·4·4 has a valley at 3 (1 ≤ .6 · 3, 11 and 8 answers on either side, both ≥ 5), but
		// 40% at 1 with the rest flat gives such samples often: G² 2.4 < 7.5.
		const counts = [8, 3, 1, 4, 4];
		expect(hasValley(counts)).toBe(true);
		expect(twoCamps({ rwg: 0, leikD: 0.6, distribution: counts })).toBe(false);
		expect(twoCamps({ rwg: 0, leikD: 1, distribution: [10, 0, 0, 1, 9] })).toBe(true);
	});

	it('gives no verdict below six answers', () => {
		expect(campsVerdict({ rwg: 0, leikD: 1, distribution: [2, 0, 0, 0, 3] })).toBe('te-weinig-antwoorden');
		expect(twoCamps({ rwg: 0, leikD: 1, distribution: [2, 0, 0, 0, 3] })).toBe(false);
		expect(campsVerdict({ rwg: 0, leikD: 1, distribution: [3, 0, 0, 0, 3] })).toBe('twee-kampen');
	});
});
