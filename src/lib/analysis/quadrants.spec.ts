import { describe, expect, it } from 'vitest';
import { classifyQuadrant } from './quadrants';
import { levelWord } from './bands';

describe('classifyQuadrant', () => {
	it('places items by level 3.5 and rwg above .70 on five points', () => {
		expect(classifyQuadrant(4.1, 0.8, 5)?.label).toBe('Hoog en sterk gedeeld');
		expect(classifyQuadrant(2.4, 0.85, 5)?.label).toBe('Niet hoog, wel sterk gedeeld');
		expect(classifyQuadrant(3.9, 0.3, 5)?.label).toBe('Hoog, niet sterk gedeeld');
		expect(classifyQuadrant(2.9, 0.2, 5)?.label).toBe('Niet hoog, niet sterk gedeeld');
	});

	it('uses the words’ own lines: level 3.50 is hoog, rwg .70 is still matig, .71 sterk', () => {
		expect(classifyQuadrant(3.5, 0.7, 5)?.id).toBe('positief-verdeeld');
		expect(classifyQuadrant(3.5, 0.71, 5)?.id).toBe('sterk-gedeeld');
		expect(classifyQuadrant(3.49, 0.71, 5)?.id).toBe('zwak-gedeeld');
		expect(classifyQuadrant(3.2, 0.9, 5)?.id).toBe('zwak-gedeeld');
	});

	it('agrees with the headline’s level word on both sides of the line', () => {
		for (const level of [3.49, 3.494, 3.495, 3.5, 3.6, 3.75])
			expect(classifyQuadrant(level, 0.8, 5)!.id === 'sterk-gedeeld').toBe(levelWord(level, 5) === 'hoog');
	});

	it('moves the level line with the scale (7 points: 1 + 2.5·6/4 = 4.75)', () => {
		expect(classifyQuadrant(4.7, 0.9, 7)?.id).toBe('zwak-gedeeld');
		expect(classifyQuadrant(4.75, 0.9, 7)?.id).toBe('sterk-gedeeld');
	});

	it('gives no quadrant without both coordinates', () => {
		expect(classifyQuadrant(null, 0.9, 5)).toBeNull();
		expect(classifyQuadrant(3.9, Number.NaN, 5)).toBeNull();
	});
});
