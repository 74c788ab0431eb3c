import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { consensus, leikD, rwg, rwgJ } from './agreement';
import {
	consensusFromCounts,
	leikDFromCounts,
	rwgFromCounts,
	rwgJFromMeanVariance,
	uniformVariance,
	varianceFromCounts
} from './agreement-tallies';

describe('count-based agreement', () => {
	it('uses σ²EU = (A² − 1)/12', () => {
		expect(uniformVariance(5)).toBe(2);
		expect(uniformVariance(7)).toBe(4);
	});

	it('reads counts at an offset (column 0 of a tally row is "weet niet")', () => {
		// Row: 9 weet niet, then answers 1..5 = 0, 0, 1, 0, 4 → 3, 5, 5, 5, 5.
		// μ = 23/5 = 4.6; Σd² = 2.56 + 4·.16 = 3.2; s² = .8 → rwg .6.
		const row = [9, 0, 0, 1, 0, 4];
		expect(varianceFromCounts(row, 1, 5)).toBeCloseTo(0.8, 12);
		expect(rwgFromCounts(row, 1, 5)).toBeCloseTo(0.6, 12);
		// F = 0, 0, .2, .2 → .4 / 2 = .2.
		expect(leikDFromCounts(row, 1, 5)).toBeCloseTo(0.2, 12);
	});

	it('rwg(J) from a mean variance matches the array route', () => {
		// Same two items as in agreement.spec: s̄² = 7/6 over J = 2 → 10/17.
		expect(rwgJFromMeanVariance(7 / 6, 2, 5)).toBeCloseTo(10 / 17, 12);
		expect(rwgJFromMeanVariance(2, 3, 5)).toBe(0);
		expect(rwgJFromMeanVariance(Number.NaN, 0, 5)).toBeNaN();
	});

	const sample = fc
		.integer({ min: 3, max: 9 })
		.chain((points) => fc.tuple(fc.constant(points), fc.array(fc.integer({ min: 1, max: points }), { maxLength: 40 })));

	it('gives the same values as the array functions', () => {
		fc.assert(
			fc.property(sample, ([points, answers]) => {
				const counts = new Array<number>(points + 1).fill(0);
				for (const a of answers) counts[a]++;
				const pairs: [number, number][] = [
					[rwg(answers, points), rwgFromCounts(counts, 1, points)],
					[consensus(answers, points), consensusFromCounts(counts, 1, points)],
					[leikD(answers, points), leikDFromCounts(counts, 1, points)],
					[rwgJ([answers, answers], points), rwgJFromMeanVariance(varianceFromCounts(counts, 1, points), 2, points)]
				];
				for (const [a, b] of pairs) {
					if (Number.isNaN(a)) expect(b).toBeNaN();
					else expect(b).toBeCloseTo(a, 12);
				}
			})
		);
	});
});
