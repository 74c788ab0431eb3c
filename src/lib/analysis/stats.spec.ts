import { describe, expect, it } from 'vitest';
import { estimate, recode, sampleVariance, t975, tQuantile, welchDifference, type Moments } from './stats';

const momentsOf = (xs: number[]): Moments => ({
	n: xs.length,
	sum: xs.reduce((a, b) => a + b, 0),
	sumSq: xs.reduce((a, b) => a + b * b, 0)
});

describe('t quantiles', () => {
	it('match published two-sided 95% values', () => {
		// Reference values from any t table (and scipy.stats.t.ppf(0.975, df)).
		expect(t975(1)).toBeCloseTo(12.706205, 5);
		expect(t975(2)).toBeCloseTo(4.302653, 5);
		expect(t975(10)).toBeCloseTo(2.228139, 5);
		expect(t975(30)).toBeCloseTo(2.042272, 5);
		expect(t975(1000)).toBeCloseTo(1.962339, 5);
	});

	it('work for fractional degrees of freedom and are symmetric', () => {
		expect(tQuantile(0.975, 4.0754716981)).toBeCloseTo(2.756285, 5);
		expect(tQuantile(0.025, 10)).toBeCloseTo(-2.228139, 5);
		expect(tQuantile(0.5, 3)).toBe(0);
	});
});

describe('estimate', () => {
	it('gives mean, SD and a t-interval', () => {
		// 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σd² = 32, s² = 32/7, sd = 2.13809;
		// half width = t(7) 2.364624 · 2.138090/2.828427 = 1.787488.
		const e = estimate(momentsOf([2, 4, 4, 4, 5, 5, 7, 9]))!;
		expect(e.n).toBe(8);
		expect(e.mean).toBe(5);
		expect(e.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
		expect(e.ciLow).toBeCloseTo(5 - 1.787488, 5);
		expect(e.ciHigh).toBeCloseTo(5 + 1.787488, 5);
	});

	it('is null below two values and has zero width without spread', () => {
		expect(estimate(momentsOf([3]))).toBeNull();
		const e = estimate(momentsOf([3, 3, 3]))!;
		expect([e.sd, e.ciLow, e.ciHigh]).toEqual([0, 3, 3]);
		expect(sampleVariance(momentsOf([]))).toBeNaN();
	});
});

describe('welchDifference', () => {
	it('matches a hand-worked Welch interval', () => {
		// a = 1, 2, 3 (mean 2, s² 1); b = 2, 4, 6, 8 (mean 5, s² 20/3).
		// se² = 1/3 + (20/3)/4 = 2; df = 2² / ((1/3)²/2 + (5/3)²/3) = 4 / .981481 = 4.075472;
		// t = 2.756285 → half = 2.756285·√2 = 3.897957.
		const d = welchDifference(momentsOf([1, 2, 3]), momentsOf([2, 4, 6, 8]))!;
		expect(d.diff).toBe(3);
		expect(d.df).toBeCloseTo(4.075472, 5);
		expect(d.ciLow).toBeCloseTo(3 - 3.897957, 4);
		expect(d.ciHigh).toBeCloseTo(3 + 3.897957, 4);
		expect(d.significant).toBe(false);
	});

	it('flags a clear difference and refuses single answers', () => {
		const d = welchDifference(momentsOf([1, 1, 2, 1, 2, 1]), momentsOf([5, 4, 5, 5, 4, 5]))!;
		expect(d.significant).toBe(true);
		expect(welchDifference(momentsOf([1]), momentsOf([1, 2]))).toBeNull();
	});
});

describe('recoding', () => {
	it('flips reversed items so that higher is better', () => {
		expect(recode(5, 5, true)).toBe(1);
		expect(recode(2, 7, true)).toBe(6);
		expect(recode(2, 5, false)).toBe(2);
	});
});
