import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonPieces } from './json-pieces';

describe('jsonPieces', () => {
	it('joins to exactly what JSON.stringify makes, for any JSON-like value', () => {
		fc.assert(
			fc.property(
				fc.anything({ withObjectString: true, withNullPrototype: true, withDate: true }),
				fc.integer({ min: 1, max: 5 }),
				(value, slice) => {
					fc.pre(JSON.stringify(value) !== undefined);
					expect([...jsonPieces(value, slice)].join('')).toBe(JSON.stringify(value));
				}
			),
			{ numRuns: 2_000 }
		);
	});

	it('cuts top-level arrays into slices, keeping undefined, toJSON and skipped keys as JSON does', () => {
		const round = {
			schemaVersion: 1,
			skipped: undefined,
			when: new Date(0),
			invitations: [],
			responses: Array.from({ length: 7 }, (_, i) => ({ id: `r-${i}`, note: i === 3 ? undefined : 'x' })),
			holes: [undefined, () => 1, 2]
		};
		const pieces = [...jsonPieces(round, 3)];
		expect(pieces.join('')).toBe(JSON.stringify(round));
		// 7 responses in slices of 3 are three pieces between the opening and closing bracket.
		const open = pieces.findIndex((p) => p.endsWith('"responses":['));
		expect(pieces.slice(open + 1, open + 5).at(-1)).toBe(']');
		expect(pieces.slice(open + 1, open + 4).every((p) => p.includes('"id":"r-'))).toBe(true);
	});

	it('gives one piece for values that are not plain objects, and refuses what JSON cannot write', () => {
		for (const value of [null, 3, 'tekst', [1, 2], new String('ab'), { toJSON: () => ({ a: [1, 2, 3] }) }])
			expect([...jsonPieces(value, 1)]).toEqual([JSON.stringify(value)]);
		expect(() => [...jsonPieces(undefined)]).toThrow(TypeError);
	});
});
