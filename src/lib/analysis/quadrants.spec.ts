import { describe, expect, it } from 'vitest';
import { classifyQuadrant } from './quadrants';

describe('classifyQuadrant', () => {
	it('places items by level 3.5 and rwg .70 on five points', () => {
		expect(classifyQuadrant(4.1, 0.8, 5)?.label).toBe('Sterk en gedeeld');
		expect(classifyQuadrant(2.4, 0.85, 5)?.label).toBe('Zwak maar gedeeld');
		expect(classifyQuadrant(3.9, 0.3, 5)?.label).toBe('Positief maar verdeeld');
		expect(classifyQuadrant(2.9, 0.2, 5)?.label).toBe('Zwak en verdeeld');
	});

	it('treats the lines as inclusive and a neutral 3.2 as not yet strong', () => {
		expect(classifyQuadrant(3.5, 0.7, 5)?.id).toBe('sterk-gedeeld');
		expect(classifyQuadrant(3.2, 0.9, 5)?.id).toBe('zwak-gedeeld');
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
