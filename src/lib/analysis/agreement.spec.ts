import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as agreement from './agreement';
import { consensus, leikD, rwg, rwgJ } from './agreement';

// Worked by hand. σ²EU = (A² − 1)/12: 5 points → 24/12 = 2; 7 points → 48/12 = 4.

describe('five-point scale', () => {
	it('unanimous: everyone answers 4', () => {
		// s² = 0 → rwg = 1 − 0/2 = 1.
		// μ = 4, every term log₂(1 − 0/4) = 0 → consensus = 1.
		// F₁..F₄ = 0, 0, 0, 1 → min(F, 1 − F) = 0, 0, 0, 0 → D = 0.
		expect(rwg([4, 4, 4, 4], 5)).toBe(1);
		expect(consensus([4, 4, 4, 4], 5)).toBe(1);
		expect(leikD([4, 4, 4, 4], 5)).toBe(0);
	});

	it('polarised: half at 1, half at 5', () => {
		// μ = 3; Σ(x − μ)² = 4·4 = 16; s² = 16/3 ≈ 5.33 > 2 → 1 − 2.67 < 0 → clamped to 0.
		// Both camps: log₂(1 − |1 − 3|/4) = log₂(.5) = −1 → consensus = 1 + (.5·−1 + .5·−1) = 0.
		// F₁..F₄ = .5, .5, .5, .5 → Σ = 2, divided by (5 − 1)/2 = 2 → D = 1.
		expect(rwg([1, 1, 5, 5], 5)).toBe(0);
		expect(consensus([1, 1, 5, 5], 5)).toBeCloseTo(0, 12);
		expect(leikD([1, 1, 5, 5], 5)).toBe(1);
	});

	it('uniform: one answer on every point', () => {
		// μ = 3; Σ(x − μ)² = 4 + 1 + 0 + 1 + 4 = 10; s² = 10/4 = 2.5 → 1 − 1.25 < 0 → 0.
		// consensus = 1 + .2·[log₂(.5) + log₂(.75) + log₂(1) + log₂(.75) + log₂(.5)]
		//           = 1 + .2·(−1 − .415037 + 0 − .415037 − 1) = 1 − .566015 = .433985.
		// F = .2, .4, .6, .8 → .2 + .4 + .4 + .2 = 1.2; / 2 → D = .6.
		const u = [1, 2, 3, 4, 5];
		expect(rwg(u, 5)).toBe(0);
		expect(consensus(u, 5)).toBeCloseTo(0.433985, 6);
		expect(leikD(u, 5)).toBeCloseTo(0.6, 12);
	});

	it('skewed: 5, 5, 5, 4, 3', () => {
		// μ = 22/5 = 4.4; deviations .6, .6, .6, −.4, −1.4; squares 1.08 + .16 + 1.96 = 3.2;
		// s² = 3.2/4 = .8 → rwg = 1 − .8/2 = .6.
		// consensus = 1 + .2·log₂(1 − 1.4/4) + .2·log₂(1 − .4/4) + .6·log₂(1 − .6/4)
		//           = 1 + .2·log₂(.65) + .2·log₂(.9) + .6·log₂(.85)
		//           = 1 + .2·(−.621488) + .2·(−.152003) + .6·(−.234465) = .704623.
		// F = 0, 0, .2, .4 → Σ min = .6; / 2 → D = .3.
		const s = [5, 5, 5, 4, 3];
		expect(rwg(s, 5)).toBeCloseTo(0.6, 12);
		expect(consensus(s, 5)).toBeCloseTo(0.704623, 6);
		expect(leikD(s, 5)).toBeCloseTo(0.3, 12);
	});

	it('moderate spread: 2, 3, 3, 4', () => {
		// μ = 3; Σ(x − μ)² = 2; s² = 2/3 → rwg = 1 − (2/3)/2 = 2/3.
		expect(rwg([2, 3, 3, 4], 5)).toBeCloseTo(2 / 3, 12);
	});
});

describe('seven-point scale', () => {
	it('unanimous', () => {
		expect(rwg([6, 6, 6], 7)).toBe(1);
		expect(consensus([6, 6, 6], 7)).toBe(1);
		expect(leikD([6, 6, 6], 7)).toBe(0);
	});

	it('polarised: half at 1, half at 7', () => {
		// μ = 4; s² = 4·9/3 = 12 > 4 → rwg 0. |1 − 4|/6 = .5 → log₂ .5 = −1 → consensus 0.
		// F₁..F₆ all .5 → Σ = 3; / ((7 − 1)/2 = 3) → D = 1.
		expect(rwg([1, 1, 7, 7], 7)).toBe(0);
		expect(consensus([1, 1, 7, 7], 7)).toBeCloseTo(0, 12);
		expect(leikD([1, 1, 7, 7], 7)).toBe(1);
	});

	it('uniform: 1..7 once each', () => {
		// μ = 4; Σ(x − μ)² = 9 + 4 + 1 + 0 + 1 + 4 + 9 = 28; s² = 28/6 ≈ 4.67 > 4 → rwg 0.
		// consensus = 1 + (2/7)·[log₂(.5) + log₂(2/3) + log₂(5/6)]
		//           = 1 + (2/7)·(−1 − .584963 − .263034) = 1 − .527999 = .472001.
		// F = 1/7 … 6/7 → min = 1/7, 2/7, 3/7, 3/7, 2/7, 1/7 → Σ = 12/7; / 3 → D = 4/7 ≈ .571429.
		const u = [1, 2, 3, 4, 5, 6, 7];
		expect(rwg(u, 7)).toBe(0);
		expect(consensus(u, 7)).toBeCloseTo(0.472001, 6);
		expect(leikD(u, 7)).toBeCloseTo(4 / 7, 12);
	});

	it('skewed: 7, 6, 6, 5', () => {
		// μ = 6; Σ(x − μ)² = 1 + 0 + 0 + 1 = 2; s² = 2/3 → rwg = 1 − (2/3)/4 = 5/6.
		// consensus = 1 + .25·log₂(5/6) + .5·log₂(1) + .25·log₂(5/6) = 1 + .5·(−.263034) = .868483.
		// F₁..F₆ = 0, 0, 0, 0, .25, .75 → min = .25 + .25 = .5; / 3 → D = 1/6.
		const s = [7, 6, 6, 5];
		expect(rwg(s, 7)).toBeCloseTo(5 / 6, 12);
		expect(consensus(s, 7)).toBeCloseTo(0.868483, 6);
		expect(leikD(s, 7)).toBeCloseTo(1 / 6, 12);
	});
});

describe('rwgJ', () => {
	it('two items, worked', () => {
		// Item 1: 1, 2, 3 → s² = 1. Item 2: 2, 2, 4 → μ = 8/3, Σd² = 4/9 + 4/9 + 16/9 = 24/9, s² = 4/3.
		// s̄² = (1 + 4/3)/2 = 7/6; s̄²/σ² = 7/12; J = 2:
		// 2·(5/12) / (2·(5/12) + 7/12) = (10/12)/(17/12) = 10/17 ≈ .588235.
		expect(
			rwgJ(
				[
					[1, 2, 3],
					[2, 2, 4]
				],
				5
			)
		).toBeCloseTo(10 / 17, 12);
	});

	it('items without a variance do not count in J', () => {
		// Only item 1 counts: s̄² = 1, ratio .5, J = 1 → .5/(.5 + .5) = .5.
		expect(rwgJ([[1, 2, 3], [5]], 5)).toBeCloseTo(0.5, 12);
	});

	it('is 0 when the mean variance reaches the uniform variance, NaN without variances', () => {
		expect(
			rwgJ(
				[
					[1, 5],
					[1, 5]
				],
				5
			)
		).toBe(0);
		expect(rwgJ([[3], []], 5)).toBeNaN();
		expect(rwgJ([], 5)).toBeNaN();
	});

	it('is 1 for unanimous items', () => {
		expect(
			rwgJ(
				[
					[4, 4, 4],
					[2, 2]
				],
				5
			)
		).toBe(1);
	});

	it('equals rwg for one item below the uniform variance', () => {
		expect(rwgJ([[2, 3, 3, 4]], 5)).toBeCloseTo(rwg([2, 3, 3, 4], 5), 12);
	});
});

describe('edges', () => {
	it('NaN for too few answers', () => {
		expect(rwg([], 5)).toBeNaN();
		expect(rwg([3], 5)).toBeNaN();
		expect(consensus([], 5)).toBeNaN();
		expect(leikD([], 5)).toBeNaN();
	});

	it('a single answer is full consensus and no dispersion', () => {
		expect(consensus([2], 5)).toBe(1);
		expect(leikD([2], 5)).toBe(0);
	});

	it('rejects "weet niet" and out-of-scale values instead of averaging them in', () => {
		expect(() => rwg([0, 3], 5)).toThrow(RangeError);
		expect(() => consensus([6], 5)).toThrow(RangeError);
		expect(() => leikD([2.5], 5)).toThrow(RangeError);
		expect(() => rwg([3, 3], 1)).toThrow(RangeError);
	});

	it('exports exactly the four contract functions', () => {
		expect(Object.keys(agreement).sort()).toEqual(['consensus', 'leikD', 'rwg', 'rwgJ']);
	});
});

describe('properties', () => {
	const sample = fc
		.integer({ min: 3, max: 9 })
		.chain((points) => fc.tuple(fc.constant(points), fc.array(fc.integer({ min: 1, max: points }), { maxLength: 40 })));

	it('all indices stay in [0, 1]', () => {
		fc.assert(
			fc.property(sample, ([points, answers]) => {
				for (const f of [rwg, consensus, leikD]) {
					const x = f(answers, points);
					if (!Number.isNaN(x)) {
						expect(x).toBeGreaterThanOrEqual(0);
						expect(x).toBeLessThanOrEqual(1);
					}
				}
			})
		);
	});

	it('reversing the scale changes none of them', () => {
		fc.assert(
			fc.property(sample, ([points, answers]) => {
				const flipped = answers.map((a) => points + 1 - a);
				for (const f of [rwg, consensus, leikD]) {
					const a = f(answers, points);
					const b = f(flipped, points);
					if (Number.isNaN(a)) expect(b).toBeNaN();
					else expect(b).toBeCloseTo(a, 10);
				}
			})
		);
	});
});
