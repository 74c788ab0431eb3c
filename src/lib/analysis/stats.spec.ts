import { describe, expect, it } from 'vitest';
import {
	benjaminiHochberg,
	estimate,
	recode,
	sampleVariance,
	t975,
	tQuantile,
	tTwoSidedP,
	welchDifference,
	without,
	type Moments
} from './stats';

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

	it('keeps the interval of a mean on the scale when told the scale', () => {
		// 1, 1, 2: mean 1.33, half width 4.303 · .577/1.732 = 1.434, so the raw interval starts at −0.10.
		const raw = estimate(momentsOf([1, 1, 2]))!;
		expect(raw.ciLow).toBeLessThan(0);
		const e = estimate(momentsOf([1, 1, 2]), 5)!;
		expect(e.ciLow).toBe(1);
		expect(e.ciHigh).toBeCloseTo(raw.ciHigh, 12);
		expect(estimate(momentsOf([5, 5, 4]), 5)!.ciHigh).toBe(5);
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
		// scipy: 2 * t.sf(3 / sqrt(2), 4.0754716981) = 0.0999129.
		expect(d.p).toBeCloseTo(0.0999129, 6);
	});

	it('gives two-sided t p-values from the incomplete beta', () => {
		// scipy: 2 * t.sf(2, 10) = 0.0733880; far tails stay accurate instead of rounding to 0.
		expect(tTwoSidedP(2, 10)).toBeCloseTo(0.073388, 6);
		expect(tTwoSidedP(-2, 10)).toBeCloseTo(0.073388, 6);
		expect(tTwoSidedP(0, 5)).toBe(1);
		expect(tTwoSidedP(20, 30)).toBeGreaterThan(0);
		expect(tTwoSidedP(20, 30)).toBeLessThan(1e-15);
	});

	it('makes no claim when neither group varies (SE = 0), even if the means differ', () => {
		const d = welchDifference(momentsOf([4, 4, 4]), momentsOf([5, 5, 5]))!;
		expect(d.diff).toBe(1);
		expect(d.p).toBeNull();
		expect(d.significant).toBe(false);
	});

	it('flags a clear difference and refuses single answers', () => {
		const d = welchDifference(momentsOf([1, 1, 2, 1, 2, 1]), momentsOf([5, 4, 5, 5, 4, 5]))!;
		expect(d.significant).toBe(true);
		expect(welchDifference(momentsOf([1]), momentsOf([1, 2]))).toBeNull();
	});
});

describe('benjaminiHochberg', () => {
	it('matches a hand-worked step-up', () => {
		// Five tests (the null is none): sorted .005 .01 .03 .04 .20 against r/5 · .05 = .01 .02 .03 .04 .05.
		// The largest rank under its line is 4 (.04 ≤ .04), so the four smallest are discoveries.
		expect(benjaminiHochberg([0.01, 0.039, 0.029, 0.005, null, 0.2], 0.05)).toEqual([
			true,
			true,
			true,
			true,
			false,
			false
		]);
	});

	it('steps up: a p-value above its own line counts when a larger rank is under its line', () => {
		// m = 3, lines .0167 .0333 .05: .02 misses its line, but .021 ≤ .0333 carries both; .06 > .05 does not pass.
		expect(benjaminiHochberg([0.021, 0.02, 0.06], 0.05)).toEqual([true, true, false]);
		// With q = .01 nothing passes; an empty family or only nulls is no claim at all.
		expect(benjaminiHochberg([0.021, 0.02, 0.06], 0.01)).toEqual([false, false, false]);
		expect(benjaminiHochberg([])).toEqual([]);
		expect(benjaminiHochberg([null, null])).toEqual([false, false]);
	});
});

describe('without', () => {
	it('leaves the rest of a whole once a part is taken out', () => {
		const rest = without(momentsOf([1, 2, 3, 4, 5]), momentsOf([1, 5]));
		expect(rest).toEqual(momentsOf([2, 3, 4]));
	});
});

describe('recoding', () => {
	it('flips reversed items so that higher is better', () => {
		expect(recode(5, 5, true)).toBe(1);
		expect(recode(2, 7, true)).toBe(6);
		expect(recode(2, 5, false)).toBe(2);
	});
});
