import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REDACTED, isRedactionOf, normaliseCommentText } from './comment-review';

/** The rule stated plainly, as a regular expression: kept parts in order, a non-empty passage at each marker. */
function oracle(previous: string, next: string): boolean {
	const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const pattern = next.split(REDACTED).map(escape).join('[\\s\\S]+?');
	return new RegExp(`^${pattern}$`).test(previous);
}

/** Short texts from a few letters, spaces and pieces of the marker, so that near-misses are common. */
const piece = fc.constantFrom('a', 'b', ' ', '\n', REDACTED, '[', ']', 'weg', 'gelaten]', '[weggelaten');
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));

describe('isRedactionOf', () => {
	it('accepts passages replaced by the marker, and nothing changed', () => {
		const previous = 'Jan de Vries van Windesheim hield het overleg tegen.';
		expect(isRedactionOf(previous, previous)).toBe(true);
		expect(isRedactionOf(previous, '[weggelaten] van Windesheim hield het overleg tegen.')).toBe(true);
		expect(isRedactionOf(previous, '[weggelaten] van [weggelaten] hield het overleg tegen.')).toBe(true);
		expect(isRedactionOf(previous, '[weggelaten]')).toBe(true);
		expect(isRedactionOf(previous, 'Jan de Vries van Windesheim hield het overleg [weggelaten]')).toBe(true);
	});

	it('refuses any other change: a word changed or added, a marker where nothing was taken out, an empty text', () => {
		const previous = 'Het overleg met Piet liep stroef.';
		expect(isRedactionOf(previous, 'Het overleg met Piet liep goed.')).toBe(false);
		expect(isRedactionOf(previous, 'Het overleg met Piet liep stroef. Heel stroef.')).toBe(false);
		expect(isRedactionOf(previous, 'Het overleg met [weggelaten] liep goed.')).toBe(false);
		expect(isRedactionOf(previous, 'Het overleg met [weggelaten]Piet liep stroef.')).toBe(false);
		expect(isRedactionOf(previous, '[weggelaten]Het overleg met Piet liep stroef.')).toBe(false);
		expect(isRedactionOf(previous, 'Het overleg met liep stroef.')).toBe(false);
		expect(isRedactionOf(previous, '')).toBe(false);
		expect(isRedactionOf(previous, '[weggelaten][weggelaten]'.repeat(20))).toBe(false);
	});

	it('lets an earlier redaction stand, and redacts next to it', () => {
		const previous = 'Met [weggelaten] en Kees.';
		expect(isRedactionOf(previous, 'Met [weggelaten] en [weggelaten].')).toBe(true);
		expect(isRedactionOf(previous, 'Met [weggelaten][weggelaten].')).toBe(true);
		expect(isRedactionOf(previous, 'Met [weggelaten]')).toBe(true);
		expect(isRedactionOf(previous, 'Met Jan en Kees.')).toBe(false);
	});

	it('accepts every text made by replacing non-overlapping passages', () => {
		fc.assert(
			fc.property(
				fc.string({ minLength: 1, maxLength: 40 }),
				fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 10 })), { maxLength: 5 }),
				(previous, cuts) => {
					// Passages as [start, end) pairs, sorted and made disjoint.
					let next = '';
					let at = 0;
					for (const [start, length] of cuts
						.map(([s, l]) => [s % previous.length, l] as const)
						.sort((a, b) => a[0] - b[0])) {
						if (start < at) continue;
						const end = Math.min(previous.length, start + length);
						next += previous.slice(at, start) + REDACTED;
						at = end;
					}
					next += previous.slice(at);
					expect(isRedactionOf(previous, next)).toBe(true);
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('agrees with the rule written as a regular expression, on texts full of near-misses', () => {
		fc.assert(
			fc.property(text, text, (previous, next) => {
				expect(isRedactionOf(previous, next)).toBe(oracle(previous, next));
			}),
			{ numRuns: 5000 }
		);
		// And where the second text is mostly derived from the first, so acceptances are common too.
		fc.assert(
			fc.property(text, fc.array(fc.tuple(fc.nat(), fc.nat(), piece), { maxLength: 3 }), (previous, edits) => {
				let next = previous;
				for (const [start, length, put] of edits) {
					const s = start % (next.length + 1);
					next = next.slice(0, s) + put + next.slice(s + (length % 4));
				}
				expect(isRedactionOf(previous, next)).toBe(oracle(previous, next));
			}),
			{ numRuns: 5000 }
		);
	});
});

describe('normaliseCommentText', () => {
	it('turns a browser’s CRLF back into the stored LF and trims', () => {
		expect(normaliseCommentText('  een\r\ntwee\rdrie \r\n')).toBe('een\ntwee\ndrie');
	});
});
