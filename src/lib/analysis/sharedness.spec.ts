import { describe, expect, it } from 'vitest';
import { levelWord, sectionSentence, sharedness } from './sharedness';

describe('levelWord', () => {
	it('reads hoog from 3.75, laag below 3.0 on five points', () => {
		expect(levelWord(3.75, 5)).toBe('hoog');
		expect(levelWord(3.74, 5)).toBe('midden');
		expect(levelWord(3.0, 5)).toBe('midden');
		expect(levelWord(2.99, 5)).toBe('laag');
	});

	it('scales the cut-offs to seven points (laag < 4, hoog ≥ 5.125)', () => {
		expect(levelWord(3.9, 7)).toBe('laag');
		expect(levelWord(5.2, 7)).toBe('hoog');
	});
});

describe('sharedness', () => {
	it('uses the conventional rwg bands', () => {
		expect(sharedness({ rwgJ: 0.82, consensus: 0.8, leikD: 0.2 }).word).toBe('gedeeld');
		expect(sharedness({ rwgJ: 0.6, consensus: 0.7, leikD: 0.4 }).word).toBe('deels gedeeld');
		expect(sharedness({ rwgJ: 0.3, consensus: 0.5, leikD: 0.5 }).word).toBe('verdeeld');
	});

	it('tells two camps from a spread where rwg cannot', () => {
		// Both have rwg 0: two camps at 1 and 5 (D = 1) versus a uniform spread (D = .6).
		const camps = sharedness({ rwgJ: 0, consensus: 0, leikD: 1 });
		const spread = sharedness({ rwgJ: 0, consensus: 0.43, leikD: 0.6 });
		expect(camps.pattern).toBe('gepolariseerd');
		expect(camps.label).toBe('Verdeeld: twee kampen');
		expect(spread.pattern).toBe('verspreid');
		expect(spread.label).toBe('Verdeeld: geen gedeeld beeld');
		expect(camps.explanation).toMatch(/twee kampen/);
	});

	it('says so when agreement cannot be computed', () => {
		const s = sharedness({ rwgJ: null, consensus: null, leikD: null });
		expect(s.word).toBeNull();
		expect(s.explanation).toMatch(/Te weinig/);
	});

	it('builds the headline sentence', () => {
		expect(sectionSentence('Inhoud', 'hoog', sharedness({ rwgJ: 0.8, consensus: 0.8, leikD: 0.2 }))).toBe(
			'Inhoud: hoog en gedeeld'
		);
		expect(
			sectionSentence('Governance', 'laag', sharedness({ rwgJ: 0.2, consensus: 0.4, leikD: 0.9 }))
		).toBe('Governance: laag en verdeeld');
	});
});
