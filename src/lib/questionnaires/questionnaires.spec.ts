import { describe, expect, it } from 'vitest';
import { perspectiveIds, questionnaireSchema, type Questionnaire } from '$lib/model/questionnaire';
import {
	agreementScale,
	builtInQuestionnaires,
	findBuiltIn,
	ontwerpcriteria,
	ontwerpcriteria2,
	samenwerkingsscan,
	samenwerkingsscan2
} from './index';

const itemsOf = (q: Questionnaire) =>
	q.sections.flatMap((s) => s.items.map((item) => ({ q: q.id, section: s.id, ...item })));
const allItems = builtInQuestionnaires.flatMap(itemsOf);
const scans = [samenwerkingsscan, samenwerkingsscan2];
const criteria = [ontwerpcriteria, ontwerpcriteria2];

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

	it('give every item an id no item of the other questionnaire uses', () => {
		const scanIds = new Set(scans.flatMap(itemsOf).map((i) => i.id));
		for (const item of criteria.flatMap(itemsOf)) expect(scanIds.has(item.id), item.id).toBe(false);
	});

	it('keep an id across versions only where the statement stays the same question', () => {
		for (const [v1, v2] of [scans, criteria]) {
			const before = new Map(itemsOf(v1).map((i) => [i.id, i]));
			for (const item of itemsOf(v2)) {
				const old = before.get(item.id);
				if (old)
					expect({ text: item.text, reversed: item.reversed }, item.id).toEqual({
						text: old.text,
						reversed: old.reversed
					});
			}
		}
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
		expect(findBuiltIn('samenwerkingsscan', 2)).toBe(samenwerkingsscan2);
		expect(findBuiltIn('ontwerpcriteria', 2)).toBe(ontwerpcriteria2);
		expect(findBuiltIn('samenwerkingsscan', 3)).toBeUndefined();
		expect(findBuiltIn('onbekend', 1)).toBeUndefined();
	});
});

describe.each(scans.map((q) => [q.version, q] as const))('samenwerkingsscan version %i', (_, samenwerkingsscan) => {
	it('follows the five perspectives of the alliance model in order', () => {
		expect(samenwerkingsscan.sections.map((s) => s.id)).toEqual([...perspectiveIds]);
		for (const s of samenwerkingsscan.sections) expect(s.perspective).toBe(s.id);
	});

	it('asks 5 to 8 statements per perspective and offers a comment field', () => {
		for (const s of samenwerkingsscan.sections) {
			expect(s.items.length, s.id).toBeGreaterThanOrEqual(5);
			expect(s.items.length, s.id).toBeLessThanOrEqual(8);
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
			samenwerkingsscan.version === 1 ? 'governance-rol-centrumgemeente' : 'governance-invloed-centrumgemeente',
			'governance-bevoegdheden-partners',
			'belangen-gunnen'
		])
			expect(ids).toContain(id);
	});
});

describe('version 2 of both', () => {
	const v2Items = [samenwerkingsscan2, ontwerpcriteria2].flatMap(itemsOf);
	const subjectOf = (id: string) => v2Items.find((i) => i.id === id)?.subject;

	it('says of each statement about the own organisation (or the respondent’s own position) that it is', () => {
		const own = v2Items.filter((i) => i.subject === 'eigen-organisatie').map((i) => i.id);
		expect(own.sort()).toEqual(
			[
				'inhoud-belang-mijn-organisatie',
				'proces-late-betrokkenheid',
				'relatie-persoonlijk-contact',
				'belangen-eigen-belang-erkend',
				'belangen-opbrengst-inzet',
				'governance-transparantie',
				'governance-vertegenwoordiging',
				'governance-bevoegdheden-partners'
			].sort()
		);
		// Whatever is worded about "mijn organisatie" or "ik" is about the respondent's side.
		for (const item of v2Items.filter((i) => /\b(mijn|ik)\b/i.test(i.text) && i.id !== 'relatie-vertrouwen'))
			expect(item.subject, item.id).toBe('eigen-organisatie');
		// Most of each perspective stays about the collaboration, so its sharedness means something.
		for (const s of samenwerkingsscan2.sections) {
			const shared = s.items.filter((i) => i.subject === 'samenwerking').length;
			expect(shared * 2, s.id).toBeGreaterThan(s.items.length);
		}
		expect(subjectOf('inhoud-gedeeld-doel')).toBe('samenwerking');
	});

	it('word nothing leadingly and ask one thing per statement', () => {
		for (const item of v2Items) {
			expect(item.text, item.id).not.toMatch(/te veel|versnipperd/i);
			expect(item.text, item.id).not.toMatch(/inwoners en ondernemers|provincies en Rijk|wonen, werken/);
			expect(item.text, item.id).not.toMatch(/alliantieteam/i);
		}
	});

	it('explain on the relatie step whom the alliantieteam is', () => {
		const relatie = samenwerkingsscan2.sections.find((s) => s.id === 'relatie')!;
		expect(relatie.question).toBe('Hoe doen we het als alliantieteam?');
		expect(relatie.intro).toMatch(/mensen van de partners die samen de samenwerking dragen/);
		expect(relatie.intro).toMatch(/niet het regiobureau/);
	});

	it('ask what the source presentation names and version 1 missed', () => {
		for (const q of [samenwerkingsscan2, ontwerpcriteria2]) {
			const texts = itemsOf(q).map((i) => i.text);
			expect(
				texts.some((t) => /omdat zij dat zelf willen/.test(t)),
				q.id
			).toBe(true);
			expect(
				texts.some((t) => /regiobureau heeft genoeg capaciteit/.test(t)),
				q.id
			).toBe(true);
			expect(
				texts.some((t) => /Raads- en Statenleden|raads- en Statenleden/.test(t)),
				q.id
			).toBe(true);
		}
	});
});

describe.each(criteria.map((q) => [q.version, q] as const))('ontwerpcriteria version %i', (_, ontwerpcriteria) => {
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
