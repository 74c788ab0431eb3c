import { describe, expect, it } from 'vitest';
import { perspectiveIds, questionnaireSchema } from '$lib/model/questionnaire';
import { agreementScale, builtInQuestionnaires, findBuiltIn, ontwerpcriteria, samenwerkingsscan } from './index';

const allItems = builtInQuestionnaires.flatMap((q) =>
	q.sections.flatMap((s) => s.items.map((item) => ({ q: q.id, section: s.id, ...item })))
);

/** Words that negate on their own. */
const NEGATORS = new Set(['niet', 'geen', 'nooit', 'niemand', 'niets', 'nergens', 'zonder']);

/**
 * Words starting with "on" that are not the negating prefix (onderwijs, not onduidelijk).
 * Any other on-word counts as a negation, so a new one has to be judged here by a person
 * rather than slip through.
 */
const NOT_NEGATING_ON = new RegExp('^(ons|onze|(onder|ontwikkel|ontspan|ontmoet|ontvang|ontsta|ontwerp)\\p{L}*)$', 'u');

function negations(text: string): string[] {
	const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
	return words.filter((w) => NEGATORS.has(w) || (w.startsWith('on') && w.length > 3 && !NOT_NEGATING_ON.test(w)));
}

describe('built-in questionnaires', () => {
	it('are valid questionnaires on the shared 5-point agreement scale', () => {
		for (const q of builtInQuestionnaires) {
			expect(questionnaireSchema.parse(q)).toEqual(q);
			expect(q.scale).toEqual(agreementScale);
		}
		expect(agreementScale.labels).toHaveLength(agreementScale.points);
	});

	it('give every item an id no other item uses, in either questionnaire', () => {
		const ids = allItems.map((i) => i.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('write every statement as a sentence ending with a period', () => {
		for (const item of allItems) expect(item.text, item.id).toMatch(/^\p{Lu}.*[^.]\.$/u);
	});

	it('contain no double negatives', () => {
		for (const item of allItems) expect(negations(item.text).length, item.id).toBeLessThanOrEqual(1);
	});

	it('word critical items without a negation, so disagreeing is not a double negative', () => {
		for (const item of allItems.filter((i) => i.reversed)) expect(negations(item.text), item.id).toEqual([]);
	});

	it('notice a double negative when a statement has one', () => {
		expect(negations('Er is geen partner die niet meedoet.')).toEqual(['geen', 'niet']);
		expect(negations('Het is niet onduidelijk wie besluit.')).toEqual(['niet', 'onduidelijk']);
		expect(negations('Onderwijs en ondernemers zitten aan tafel.')).toEqual([]);
		expect(negations('Het is onzeker of onze partners oneerlijk behandeld worden.')).toEqual(['onzeker', 'oneerlijk']);
	});

	it('are found by id and version', () => {
		expect(findBuiltIn('samenwerkingsscan', 1)).toBe(samenwerkingsscan);
		expect(findBuiltIn('ontwerpcriteria', 1)).toBe(ontwerpcriteria);
		expect(findBuiltIn('samenwerkingsscan', 2)).toBeUndefined();
		expect(findBuiltIn('onbekend', 1)).toBeUndefined();
	});
});

describe('samenwerkingsscan', () => {
	it('follows the five perspectives of the alliance model in order', () => {
		expect(samenwerkingsscan.sections.map((s) => s.id)).toEqual([...perspectiveIds]);
		for (const s of samenwerkingsscan.sections) expect(s.perspective).toBe(s.id);
	});

	it('asks 5 to 7 statements per perspective and offers a comment field', () => {
		for (const s of samenwerkingsscan.sections) {
			expect(s.items.length, s.id).toBeGreaterThanOrEqual(5);
			expect(s.items.length, s.id).toBeLessThanOrEqual(7);
			expect(s.commentLabel, s.id).toBeTruthy();
			expect(s.question, s.id).toMatch(/\?$/);
		}
	});

	it('prefixes item ids with their perspective', () => {
		for (const s of samenwerkingsscan.sections)
			for (const item of s.items) expect(item.id.startsWith(`${s.id}-`), item.id).toBe(true);
	});

	it('mixes in a critically worded item per perspective, but keeps them a minority', () => {
		for (const s of samenwerkingsscan.sections) {
			const reversed = s.items.filter((i) => i.reversed).length;
			expect(reversed, s.id).toBeGreaterThanOrEqual(1);
			expect(reversed * 2, s.id).toBeLessThan(s.items.length);
		}
	});

	it('covers the governance themes and gunnen', () => {
		const ids = samenwerkingsscan.sections.flatMap((s) => s.items.map((i) => i.id));
		for (const id of [
			'governance-besluitvorming',
			'governance-organisatievorm',
			'governance-transparantie',
			'governance-vertegenwoordiging',
			'governance-ambtelijke-vertaling',
			'governance-rol-centrumgemeente',
			'governance-bevoegdheden-partners',
			'belangen-gunnen'
		])
			expect(ids).toContain(id);
	});
});

describe('ontwerpcriteria', () => {
	it('groups the criteria into a sane number of steps, each tied to a perspective', () => {
		expect(ontwerpcriteria.sections.length).toBeGreaterThanOrEqual(4);
		expect(ontwerpcriteria.sections.length).toBeLessThanOrEqual(6);
		for (const s of ontwerpcriteria.sections) {
			expect(s.perspective, s.id).not.toBeNull();
			expect(s.commentLabel, s.id).toBeTruthy();
			expect(s.question, s.id).toMatch(/\?$/);
		}
	});

	it('prefixes its section and item ids with oc-', () => {
		for (const s of ontwerpcriteria.sections) {
			expect(s.id).toMatch(/^oc-/);
			for (const item of s.items) expect(item.id).toMatch(/^oc-/);
		}
	});
});
