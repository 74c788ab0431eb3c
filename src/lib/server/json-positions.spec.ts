import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJsonWithPositions } from './json-positions';

const accepts = (text: string) => {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
};

describe('parseJsonWithPositions', () => {
	it('reads what JSON.parse reads, to the same value, however it is laid out', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 2, '\t'), (value, indent) => {
				const text = JSON.stringify(value, null, indent);
				const out = parseJsonWithPositions(text);
				expect(out.ok).toBe(true);
				if (out.ok) expect(out.value).toStrictEqual(JSON.parse(text));
			}),
			{ numRuns: 1_000 }
		);
	});

	it('refuses exactly what JSON.parse refuses (a valid text with one character changed, dropped or added)', () => {
		const mutated = fc
			.tuple(fc.json(), fc.nat(), fc.constantFrom('drop', 'add', 'swap'), fc.constantFrom(...',:{}[]"\\ \n0e.-tn\'x'))
			.map(([text, at, how, ch]) => {
				const i = text.length ? at % text.length : 0;
				if (how === 'drop') return text.slice(0, i) + text.slice(i + 1);
				if (how === 'add') return text.slice(0, i) + ch + text.slice(i);
				return text.slice(0, i) + ch + text.slice(i + 1);
			});
		fc.assert(
			fc.property(fc.oneof(mutated, fc.string()), (text) => {
				expect(parseJsonWithPositions(text).ok, JSON.stringify(text)).toBe(accepts(text));
			}),
			{ numRuns: 3_000 }
		);
	});

	it('knows the line of every key and every array element, and of the nearest ancestor of a missing one', () => {
		const text = [
			'{',
			'  "title": "X",',
			'  "sections": [',
			'    {',
			'      "items": [',
			'        { "id": "a" },',
			'        {',
			'          "text": 3',
			'        }',
			'      ]',
			'    }',
			'  ]',
			'}'
		].join('\n');
		const out = parseJsonWithPositions(text);
		if (!out.ok) throw new Error(out.message);
		expect(out.lineOf([])).toEqual({ line: 1, exact: true });
		expect(out.lineOf(['title'])).toEqual({ line: 2, exact: true });
		expect(out.lineOf(['sections', 0])).toEqual({ line: 4, exact: true });
		expect(out.lineOf(['sections', 0, 'items', 1, 'text'])).toEqual({ line: 8, exact: true });
		expect(out.lineOf(['sections', 0, 'items', 0, 'text'])).toEqual({ line: 6, exact: false });
		expect(out.lineOf(['scale', 'points'])).toEqual({ line: 1, exact: false });
	});

	it('gives the line of a key at any depth in any layout (property: the line the key is printed on)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }), { minLength: 1, maxLength: 5 }),
				fc.nat(),
				(lists, pick) => {
					const value = { lists: lists.map((l) => ({ words: l, marker: 'here' })) };
					const text = JSON.stringify(value, null, 2);
					const at = pick % lists.length;
					const out = parseJsonWithPositions(text);
					if (!out.ok) throw new Error(out.message);
					// The at-th `"marker"` key in the printed text.
					const lines = text.split('\n');
					const markerLines = lines.flatMap((l, i) => (l.trim().startsWith('"marker"') ? [i + 1] : []));
					expect(out.lineOf(['lists', at, 'marker']).line).toBe(markerLines[at]);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('says where a syntax error is, by line and column, in Dutch', () => {
		const cases: [string, number, number, RegExp][] = [
			['{\n  "a": 1,\n  "b": 2,\n}', 4, 1, /komma te veel/],
			['{\n  "a": 1\n  "b": 2\n}', 3, 3, /Verwacht ‘,’ of ‘}’/],
			["{\n  'a': 1\n}", 2, 3, /dubbele aanhalingstekens/],
			['{\n  "a": "regel\nvolgende"\n}', 2, 14, /volgende regel/],
			['[1, 2', 1, 6, /Verwacht ‘,’ of ‘]’, maar hier staat het einde van het bestand/],
			['{"a": 01}', 1, 8, /getal/],
			['{} x', 1, 4, /Na het einde/]
		];
		for (const [text, line, column, message] of cases) {
			const out = parseJsonWithPositions(text);
			expect(out.ok, text).toBe(false);
			if (!out.ok) {
				expect({ line: out.line, column: out.column }, text).toEqual({ line, column });
				expect(out.message, text).toMatch(message);
			}
		}
	});

	it('takes a key named __proto__ as data, as JSON.parse does', () => {
		const out = parseJsonWithPositions('{"__proto__": {"x": 1}}');
		expect(out.ok && Object.keys(out.value as object)).toEqual(['__proto__']);
		expect(out.ok && ({} as Record<string, unknown>).x).toBe(undefined);
	});
});
