import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { samenwerkingsscan, samenwerkingsscan2 } from '$lib/questionnaires';
import {
	applyOp,
	draftOf,
	itemField,
	opValue,
	parseOp,
	readDraft,
	sectionField,
	type DraftOp
} from './questionnaire-draft';
import { formDataOf } from './questionnaire-draft.test-fixture';

let counter = 0;
const key = () => `k${++counter}`;

describe('the editor draft', () => {
	it('comes back from its form post exactly as it was rendered', () => {
		const d = draftOf(samenwerkingsscan);
		expect(readDraft(formDataOf(d), key)).toEqual(d);
	});

	it('carries whom each statement is about, and reads anything but the two choices as the collaboration', () => {
		const d = draftOf(samenwerkingsscan2);
		expect(d.sections[3].items.map((i) => i.subject)).toContain('eigen-organisatie');
		expect(readDraft(formDataOf(d), key)).toEqual(d);
		const f = formDataOf(d);
		f.set(itemField(3, 3, 'subject'), 'iedereen');
		f.delete(itemField(3, 2, 'subject'));
		const back = readDraft(f, key);
		expect(d.sections[3].items.slice(2, 4).map((i) => i.subject)).toEqual(['eigen-organisatie', 'eigen-organisatie']);
		expect(back.sections[3].items.slice(2, 4).map((i) => i.subject)).toEqual(['samenwerking', 'samenwerking']);
	});

	it('keeps row keys unique and well-formed, whatever a post claims', () => {
		const d = draftOf(samenwerkingsscan);
		const f = formDataOf(d);
		f.set(itemField(0, 1, 'key'), d.sections[0].items[0].key);
		f.set(itemField(0, 2, 'key'), '<script>');
		f.set(sectionField(1, 'perspective'), 'onbekend');
		const back = readDraft(f, key);
		const keys = back.sections.flatMap((s) => [s.key, ...s.items.map((i) => i.key)]);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys.every((k) => /^[a-z0-9-]+$/.test(k))).toBe(true);
		expect(back.sections[1].perspective).toBe('');
	});

	it('names every structural button by a value that reads back as the same button', () => {
		const ops: DraftOp[] = [
			{ kind: 'scale' },
			{ kind: 'section-add' },
			{ kind: 'section-remove', s: 3 },
			{ kind: 'section-up', s: 1 },
			{ kind: 'section-down', s: 0 },
			{ kind: 'item-add', s: 2 },
			{ kind: 'item-remove', s: 0, i: 6 },
			{ kind: 'item-up', s: 4, i: 1 },
			{ kind: 'item-down', s: 4, i: 0 }
		];
		for (const op of ops) expect(parseOp(opValue(op))).toEqual(op);
		for (const junk of ['', 'item-up', 'item-up:1', 'section-add:1', 'delete-all', null, 'scale:1:2'])
			expect(parseOp(junk), String(junk)).toBe(null);
	});

	it('moves, adds and removes rows without touching what was typed in the others', () => {
		const d = draftOf(samenwerkingsscan);
		d.sections[0].items[2].text = 'Getypt, nog niet opgeslagen.';
		const moved = applyOp(d, { kind: 'item-up', s: 0, i: 2 }, key)!;
		expect(moved.draft.sections[0].items[1].text).toBe('Getypt, nog niet opgeslagen.');
		expect(moved.draft.sections[0].items[2].id).toBe(d.sections[0].items[1].id);
		expect(moved.done).toMatch(/Stelling 3 van onderdeel 1 staat nu op plaats 2/);
		expect(d.sections[0].items[2].text).toBe('Getypt, nog niet opgeslagen.'); // the input is not changed

		const added = applyOp(d, { kind: 'item-add', s: 1 }, key)!;
		expect(added.draft.sections[1].items.at(-1)).toMatchObject({ id: '', text: '' });
		const section = applyOp(d, { kind: 'section-add' }, key)!;
		expect(section.draft.sections).toHaveLength(d.sections.length + 1);
		expect(section.draft.sections.at(-1)!.items).toHaveLength(1);
		const removed = applyOp(d, { kind: 'section-remove', s: 0 }, key)!;
		expect(removed.draft.sections[0].id).toBe(d.sections[1].id);

		expect(applyOp(d, { kind: 'item-up', s: 0, i: 0 }, key)).toBe(null);
		expect(applyOp(d, { kind: 'section-down', s: d.sections.length - 1 }, key)).toBe(null);
		expect(applyOp(d, { kind: 'item-remove', s: 9, i: 0 }, key)).toBe(null);
	});

	it('sizes the scale labels to the chosen number of points, keeping the labels there were', () => {
		fc.assert(
			fc.property(fc.integer({ min: 3, max: 11 }), (n) => {
				const d = draftOf(samenwerkingsscan);
				d.scale.points = String(n);
				const out = applyOp(d, { kind: 'scale' }, key)!;
				expect(out.draft.scale.labels).toHaveLength(n);
				expect(out.draft.scale.labels.slice(0, 5)).toEqual(
					[...samenwerkingsscan.scale.labels, '', '', '', '', '', ''].slice(0, Math.min(5, n))
				);
			})
		);
		const d = draftOf(samenwerkingsscan);
		d.scale.points = '12';
		expect(applyOp(d, { kind: 'scale' }, key)).toBe(null);
	});
});
