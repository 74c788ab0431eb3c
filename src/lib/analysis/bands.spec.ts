import { describe, expect, it } from 'vitest';
import { agreementBand, agreementReading, isStrongAgreement, isWeakAgreement, levelReading, levelWord } from './bands';

describe('agreementBand', () => {
	it('follows LeBreton & Senter’s bands; each edge belongs to the band below', () => {
		const cases: [number, string][] = [
			[0, 'niet'],
			[0.3, 'niet'],
			[0.31, 'zwak'],
			[0.5, 'zwak'],
			[0.51, 'matig'],
			[0.7, 'matig'],
			[0.71, 'sterk'],
			[0.9, 'sterk'],
			[0.91, 'zeer-sterk'],
			[1, 'zeer-sterk']
		];
		for (const [rwg, band] of cases) expect(agreementBand(rwg), `rwg ${rwg}`).toBe(band);
	});

	it('reads the rwg as printed, in two decimals: .704 is .70 (matig), .705 is .71 (sterk)', () => {
		expect(agreementBand(0.704)).toBe('matig');
		expect(agreementBand(0.7049)).toBe('matig');
		expect(agreementBand(0.7051)).toBe('sterk');
		// A sum of squares that lands a hair off the edge is still on it.
		expect(agreementBand(0.7 + 1e-12)).toBe('matig');
		expect(agreementBand(0.3 - 1e-12)).toBe('niet');
	});

	it('splits strong from not strong, weak from not weak, at the same edges', () => {
		expect(isStrongAgreement(0.7)).toBe(false);
		expect(isStrongAgreement(0.71)).toBe(true);
		expect(isWeakAgreement(0.5)).toBe(true);
		expect(isWeakAgreement(0.51)).toBe(false);
	});
});

describe('levelWord', () => {
	it('reads hoog from 3.50, laag below 3.00 on five points', () => {
		expect(levelWord(3.5, 5)).toBe('hoog');
		expect(levelWord(3.49, 5)).toBe('midden');
		expect(levelWord(3.495, 5)).toBe('hoog');
		expect(levelWord(3.0, 5)).toBe('midden');
		expect(levelWord(2.99, 5)).toBe('laag');
		expect(levelWord(2.995, 5)).toBe('midden');
	});

	it('scales the cut-offs to seven points (laag < 4, hoog ≥ 4.75)', () => {
		expect(levelWord(3.99, 7)).toBe('laag');
		expect(levelWord(4, 7)).toBe('midden');
		expect(levelWord(4.74, 7)).toBe('midden');
		expect(levelWord(4.75, 7)).toBe('hoog');
	});
});

describe('words with their interval', () => {
	it('keeps the word when the interval lies in one band', () => {
		expect(agreementReading(0.8, [0.72, 0.88])).toMatchObject({ word: 'sterk gedeeld', certainty: 'band' });
		expect(agreementReading(0.8, [0.71, 0.9]).word).toBe('sterk gedeeld');
	});

	it('names both bands when the interval crosses one edge', () => {
		expect(agreementReading(0.74, [0.62, 0.78])).toMatchObject({
			word: 'matig tot sterk gedeeld',
			certainty: 'two-bands'
		});
		expect(agreementReading(0.69, [0.62, 0.71]).word).toBe('matig tot sterk gedeeld');
		expect(agreementReading(0.3, [0.2, 0.4]).word).toBe('niet of zwak gedeeld');
		expect(agreementReading(0.45, [0.4, 0.55]).word).toBe('zwak tot matig gedeeld');
		expect(agreementReading(0.9, [0.85, 0.95]).word).toBe('sterk tot zeer sterk gedeeld');
	});

	it('says "nog onzeker" when the interval spans more than two bands, keeping the point’s word', () => {
		expect(agreementReading(0.6, [0.45, 0.75])).toMatchObject({
			word: 'nog onzeker',
			pointWord: 'matig gedeeld',
			certainty: 'uncertain'
		});
	});

	it('counts the point estimate’s band even where the interval misses it', () => {
		expect(agreementReading(0.71, [0.6, 0.7]).word).toBe('matig tot sterk gedeeld');
	});

	it('falls back to the point estimate’s word without an interval', () => {
		expect(agreementReading(0.74, null)).toEqual({
			word: 'sterk gedeeld',
			pointWord: 'sterk gedeeld',
			certainty: 'point',
			interval: null
		});
	});

	it('does the same for the level', () => {
		expect(levelReading(3.8, [3.6, 3.95], 5)).toMatchObject({ word: 'hoog', certainty: 'band' });
		expect(levelReading(3.55, [3.4, 3.7], 5)).toMatchObject({ word: 'midden tot hoog', certainty: 'two-bands' });
		expect(levelReading(3.1, [2.9, 3.3], 5).word).toBe('laag tot midden');
		expect(levelReading(3.2, [2.8, 3.6], 5)).toMatchObject({ word: 'nog onzeker', pointWord: 'midden' });
		expect(levelReading(3.6, null, 5)).toMatchObject({ word: 'hoog', certainty: 'point' });
		// On the line: the interval's low end at 3.50 is hoog already.
		expect(levelReading(3.6, [3.5, 3.7], 5).word).toBe('hoog');
		expect(levelReading(3.6, [3.49, 3.7], 5).word).toBe('midden tot hoog');
	});
});
