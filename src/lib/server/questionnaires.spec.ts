import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openTestStore, type TestStore } from './partners-test-store';
import type { DomainContext } from './context';
import * as questionnaires from './questionnaires';
import { ontwerpcriteria, samenwerkingsscan, samenwerkingsscan2 } from '$lib/questionnaires';
import { questionnaireSchema, type Questionnaire } from '$lib/model/questionnaire';
import { draftOf, readDraft, type QuestionnaireDraft } from '$lib/model/questionnaire-draft';
import type { RoundStatus } from '$lib/model/round';

let test: TestStore;
let store: TestStore['store'];
let ctx: DomainContext;

beforeEach(async () => {
	test = await openTestStore();
	store = test.store;
	ctx = test.ctx();
});
afterEach(() => test.close());

const at = '2026-03-01T10:00:00.000Z';
async function addRound(id: string, q: { id: string; version: number }, status: RoundStatus) {
	await store.updateNetwork((d) => {
		d.rounds.push({
			id,
			name: `Ronde ${id}`,
			questionnaireId: q.id,
			questionnaireVersion: q.version,
			status,
			opensAt: at,
			closesAt: at,
			createdAt: at,
			closedAt: status === 'closed' ? at : null,
			minimisedAt: null
		});
	});
}

/** Versions 1 and 2 of the scan are built in: a copy is version 3. */
async function copyOf(q: { id: string; version: number }) {
	const out = await questionnaires.saveAsNew(ctx, q.id, q.version, null);
	if (!out.ok) throw new Error(JSON.stringify(out.errors));
	return out.value;
}

const stored = (id: string, version: number) =>
	store.network().questionnaires.find((q) => q.id === id && q.version === version);
const itemIds = (q: Questionnaire) => q.sections.flatMap((s) => s.items.map((i) => i.id));
const auditActions = async () => (await store.readAudit()).map((e) => e.action);

describe('listing', () => {
	it('lists the built-in series first, in shipped order, each version with the rounds that ask it', async () => {
		// The demo stores the built-in versions too: they stay built in.
		await store.updateNetwork((d) => d.questionnaires.push(samenwerkingsscan));
		await addRound('voorjaar', samenwerkingsscan, 'closed');
		await addRound('najaar', samenwerkingsscan, 'open');
		const families = questionnaires.list(ctx);
		expect(families.map((f) => f.id)).toEqual(['samenwerkingsscan', 'ontwerpcriteria']);
		const [scan] = families;
		expect(scan.versions.map((v) => [v.version, v.state])).toEqual([
			[1, 'builtin'],
			[2, 'builtin']
		]);
		expect(scan.versions[0]).toMatchObject({ version: 1, state: 'builtin', deletable: false, sectionCount: 5 });
		expect(scan.versions[0].rounds.map((r) => [r.roundId, r.status])).toEqual([
			['voorjaar', 'closed'],
			['najaar', 'open']
		]);
	});

	it('finds a round’s questionnaire: the stored version first (what its respondents saw), else the built-in one', async () => {
		expect(
			questionnaires.forRound(store.network(), { questionnaireId: 'ontwerpcriteria', questionnaireVersion: 1 })
		).toBe(ontwerpcriteria);
		expect(
			questionnaires.forRound(store.network(), { questionnaireId: 'samenwerkingsscan', questionnaireVersion: 2 })
		).toBe(samenwerkingsscan2);
		const copy = await copyOf(samenwerkingsscan);
		expect(
			questionnaires.forRound(store.network(), { questionnaireId: 'samenwerkingsscan', questionnaireVersion: 3 })
		).toEqual(copy);
		expect(
			questionnaires.forRound(store.network(), { questionnaireId: 'samenwerkingsscan', questionnaireVersion: 9 })
		).toBe(undefined);
	});
});

describe('copying', () => {
	it('copies a built-in version as the next version of the same series, a draft, audited', async () => {
		const v3 = await copyOf(samenwerkingsscan);
		expect(v3).toEqual({ ...samenwerkingsscan, version: 3 });
		const v4 = await copyOf(v3);
		expect(v4.version).toBe(4);
		expect(questionnaires.get(ctx, 'samenwerkingsscan', 4)!.listing).toMatchObject({ state: 'draft', deletable: true });
		expect(await auditActions()).toEqual(['questionnaire.created', 'questionnaire.created']);
	});

	it('copies as a separate series on request: a new id, version 1, the same item ids', async () => {
		const out = await questionnaires.saveAsNew(ctx, 'samenwerkingsscan', 1, null, { separate: true });
		if (!out.ok) throw new Error('refused');
		expect(out.value).toMatchObject({ id: 'samenwerkingsscan-eigen', version: 1, title: 'Samenwerkingsscan (kopie)' });
		expect(itemIds(out.value)).toEqual(itemIds(samenwerkingsscan));
		const again = await questionnaires.saveAsNew(ctx, 'samenwerkingsscan', 1, null, { separate: true });
		expect(again.ok && again.value.id).toBe('samenwerkingsscan-eigen-2');
	});
});

describe('editing a draft', () => {
	let draft: QuestionnaireDraft;
	beforeEach(async () => {
		draft = draftOf(await copyOf(samenwerkingsscan));
	});

	it('keeps an item’s id when only its wording changes, so rounds compare it', async () => {
		draft.sections[0].items[0].text = 'De partners werken samen aan één doel voor de hele regio.';
		const out = await questionnaires.update(ctx, 'samenwerkingsscan', 3, draft);
		if (!out.ok) throw new Error(JSON.stringify(out.errors));
		const item = out.value.questionnaire.sections[0].items[0];
		expect(item).toEqual({
			id: 'inhoud-gedeeld-doel',
			text: draft.sections[0].items[0].text,
			reversed: false,
			subject: 'samenwerking'
		});
		expect(out.value.changes).toEqual(['1 stelling anders verwoord']);
		expect(stored('samenwerkingsscan', 3)!.sections[0].items[0].text).toBe(draft.sections[0].items[0].text);
		expect((await store.readAudit()).at(-1)).toMatchObject({
			action: 'questionnaire.updated',
			subject: 'samenwerkingsscan@3',
			detail: 'Vragenlijst ‘Samenwerkingsscan’ versie 3 gewijzigd: 1 stelling anders verwoord'
		});
	});

	it('gives a new item, and an item marked "nieuwe vraag", an id from its text that no version of the series used', async () => {
		draft.sections[0].items[1].isNew = true;
		draft.sections[0].items[1].text = 'De partners delen een beeld van de opgaven in de regio.';
		// Worded like an existing item of version 1: its id must not be reused for it.
		draft.sections[0].items.push({
			key: 'n1',
			id: '',
			text: 'Gedeeld doel',
			reversed: true,
			subject: 'samenwerking',
			isNew: false
		});
		draft.sections[0].items.push({
			key: 'n2',
			id: '',
			text: 'Gedeeld doel',
			reversed: false,
			subject: 'samenwerking',
			isNew: false
		});
		const out = await questionnaires.update(ctx, 'samenwerkingsscan', 3, draft);
		if (!out.ok) throw new Error(JSON.stringify(out.errors));
		const items = out.value.questionnaire.sections[0].items;
		expect(items[1].id).toBe('inhoud-partners-delen-beeld-opgaven');
		expect(items.at(-2)!.id).toBe('inhoud-gedeeld-doel-2');
		expect(items.at(-1)!.id).toBe('inhoud-gedeeld-doel-3');
		expect(items.at(-2)!.reversed).toBe(true);
		expect(itemIds(out.value.questionnaire)).not.toContain('inhoud-ambitie-gedragen');
		expect(out.value.changes).toEqual(['3 stellingen toegevoegd', '1 stelling weggehaald']);
	});

	it('never gives a removed item’s id to another question, in the same or a later version', async () => {
		const removed = draft.sections[1].items.shift()!;
		const out = await questionnaires.update(ctx, 'samenwerkingsscan', 3, draft);
		if (!out.ok) throw new Error('refused');
		const v4 = draftOf(await copyOf({ id: 'samenwerkingsscan', version: 3 }));
		// A crafted post that claims the retired id for a new row gets a fresh one.
		v4.sections[1].items.push({
			key: 'n1',
			id: removed.id,
			text: 'Een heel andere vraag over commitment.',
			reversed: false,
			subject: 'samenwerking',
			isNew: false
		});
		const saved = await questionnaires.update(ctx, 'samenwerkingsscan', 4, v4);
		if (!saved.ok) throw new Error('refused');
		expect(itemIds(saved.value.questionnaire).filter((id) => id === removed.id)).toEqual([]);
	});

	it('stores whom a statement is about, and says so in the changes', async () => {
		draft.sections[3].items[0].subject = 'eigen-organisatie';
		const out = await questionnaires.update(ctx, 'samenwerkingsscan', 3, draft);
		if (!out.ok) throw new Error(JSON.stringify(out.errors));
		expect(out.value.questionnaire.sections[3].items[0]).toMatchObject({
			id: 'belangen-win-win',
			subject: 'eigen-organisatie'
		});
		expect(out.value.changes).toEqual(['bij 1 stelling gewijzigd waar die over gaat']);
		expect(draftOf(stored('samenwerkingsscan', 3)!).sections[3].items[0].subject).toBe('eigen-organisatie');
	});

	it('moves items and sections with their ids, and changes the scale and its labels', async () => {
		draft.sections.reverse();
		draft.scale = { points: '7', labels: ['1', '2', '3', '4', '5', '6', 'Volledig eens'], dontKnowLabel: 'Geen idee' };
		const out = await questionnaires.update(ctx, 'samenwerkingsscan', 3, draft);
		if (!out.ok) throw new Error(JSON.stringify(out.errors));
		const q = out.value.questionnaire;
		expect(q.sections.map((s) => s.id)).toEqual(['governance', 'belangen', 'relatie', 'proces', 'inhoud']);
		expect(new Set(itemIds(q))).toEqual(new Set(itemIds(samenwerkingsscan)));
		expect(q.scale).toEqual({ points: 7, labels: draft.scale.labels, dontKnowLabel: 'Geen idee' });
		expect(out.value.changes).toEqual(['antwoordschaal', 'onderdelen']);
	});

	it('refuses what the model refuses, with a Dutch reason per field path, and stores nothing', async () => {
		const before = structuredClone(stored('samenwerkingsscan', 3));
		draft.title = '   ';
		draft.minutes = 'twaalf';
		draft.sections[0].items[3].text = 'kort';
		draft.sections[1].hasComment = true;
		draft.sections[1].commentLabel = '';
		draft.sections[2].items = [];
		draft.scale.points = '7';
		const out = await questionnaires.update(ctx, 'samenwerkingsscan', 3, draft);
		expect(out.ok).toBe(false);
		if (out.ok) return;
		expect(out.errors).toEqual({
			title: 'Vul dit veld in',
			minutes: 'Vul een getal in',
			'sections.0.items.3.text': 'Gebruik ten minste 5 tekens',
			'sections.1.commentLabel': 'Vul dit veld in',
			'sections.2.items': 'Er moet er ten minste één zijn'
		});
		expect(stored('samenwerkingsscan', 3)).toEqual(before);
		draft = draftOf(before!);
		draft.scale.points = '7';
		const labels = await questionnaires.update(ctx, 'samenwerkingsscan', 3, draft);
		expect(!labels.ok && labels.errors).toEqual({
			'scale.labels': 'Elk schaalpunt heeft een label nodig: 7 punten, 5 labels'
		});
	});
});

describe('freezing', () => {
	it('freezes a version once a round has opened with it: editing is refused, a new version is made instead', async () => {
		const copy = await copyOf(samenwerkingsscan);
		await addRound('concept', copy, 'draft');
		const draft = draftOf(copy);
		draft.title = 'Samenwerkingsscan 2027';
		expect((await questionnaires.update(ctx, copy.id, 3, draft)).ok).toBe(true);

		await addRound('najaar', copy, 'open');
		expect(questionnaires.get(ctx, copy.id, 3)!.listing.state).toBe('frozen');
		draft.title = 'Nog anders';
		const refused = await questionnaires.update(ctx, copy.id, 3, draft);
		expect(!refused.ok && refused.errors).toEqual({
			form: expect.stringMatching(/^Deze versie ligt vast: meetronde ‘Ronde najaar’ is ermee geopend/),
			frozen: 'ja'
		});
		expect(stored(copy.id, 3)!.title).toBe('Samenwerkingsscan 2027');

		const next = await questionnaires.saveAsNew(ctx, copy.id, 3, draft);
		expect(next.ok && [next.value.version, next.value.title]).toEqual([4, 'Nog anders']);
	});

	it('never edits a built-in version in place', async () => {
		const out = await questionnaires.update(ctx, 'samenwerkingsscan', 1, draftOf(samenwerkingsscan));
		expect(!out.ok && out.errors.form).toMatch(/ingebouwde vragenlijst verandert niet/);
		expect(store.network().questionnaires).toEqual([]);
	});
});

describe('deleting', () => {
	it('deletes a draft that no round asks, audited', async () => {
		await copyOf(samenwerkingsscan);
		const out = await questionnaires.remove(ctx, 'samenwerkingsscan', 3);
		expect(out.ok).toBe(true);
		expect(stored('samenwerkingsscan', 3)).toBe(undefined);
		expect((await auditActions()).at(-1)).toBe('questionnaire.deleted');
	});

	it('refuses a version a round refers to (a draft round too), a frozen one, and a built-in one', async () => {
		const copy = await copyOf(samenwerkingsscan);
		await addRound('concept', copy, 'draft');
		const draftRound = await questionnaires.remove(ctx, copy.id, 3);
		expect(!draftRound.ok && draftRound.errors.form).toMatch(
			/Meetronde ‘Ronde concept’ \(concept\) gebruikt deze versie/
		);
		expect(questionnaires.get(ctx, copy.id, 3)!.listing.deletable).toBe(false);
		await addRound('open', copy, 'closed');
		const frozen = await questionnaires.remove(ctx, copy.id, 3);
		expect(!frozen.ok && frozen.errors.form).toMatch(/ligt vast/);
		const builtIn = await questionnaires.remove(ctx, 'ontwerpcriteria', 1);
		expect(builtIn.ok).toBe(false);
		expect(stored(copy.id, 3)).toBeDefined();
	});
});

/** Valid questionnaires of every shape the model allows (within reason). */
const questionnaireArb: fc.Arbitrary<Questionnaire> = fc
	.record({
		points: fc.integer({ min: 3, max: 11 }),
		title: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0),
		sections: fc.array(
			fc.record({
				title: fc.string({ minLength: 1, maxLength: 30 }),
				perspective: fc.constantFrom(null, 'inhoud', 'governance'),
				commentLabel: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: null }),
				items: fc.array(fc.record({ text: fc.string({ minLength: 5, maxLength: 60 }), reversed: fc.boolean() }), {
					minLength: 1,
					maxLength: 4
				})
			}),
			{ minLength: 1, maxLength: 4 }
		)
	})
	.map(({ points, title, sections }) =>
		questionnaireSchema.parse({
			id: 'eigen-scan',
			version: 1,
			title,
			description: 'Omschrijving met "aanhalingstekens", \\ en\nregels.',
			minutes: 10,
			scale: { points, labels: Array.from({ length: points }, (_, i) => `Punt ${i + 1}`), dontKnowLabel: 'Weet niet' },
			sections: sections.map((s, si) => ({
				id: `s${si}`,
				title: s.title,
				question: 'Vraag?',
				perspective: s.perspective,
				commentLabel: s.commentLabel,
				items: s.items.map((it, ii) => ({ id: `s${si}-i${ii}`, ...it }))
			}))
		})
	);

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('export and import', () => {
	it('reads back what it exports, for any questionnaire: the same version, or the next one when it exists', async () => {
		await fc.assert(
			fc.asyncProperty(questionnaireArb, async (q) => {
				await store.updateNetwork((d) => (d.questionnaires = []));
				const first = await questionnaires.importJson(ctx, new TextEncoder().encode(questionnaires.toJson(q)));
				expect(first).toEqual({ ok: true, questionnaire: q, renumberedFrom: null });
				const again = await questionnaires.importJson(ctx, questionnaires.toJson(q));
				expect(again).toEqual({ ok: true, questionnaire: { ...q, version: 2 }, renumberedFrom: 1 });
			}),
			{ numRuns: 60 }
		);
	});

	it('carries whom each statement is about through export and import; a file without it means the collaboration', async () => {
		const out = await questionnaires.importJson(ctx, questionnaires.toJson(samenwerkingsscan2));
		if (!out.ok) throw new Error(JSON.stringify(out.problems));
		const subjects = (q: Questionnaire) => q.sections.flatMap((s) => s.items.map((i) => [i.id, i.subject]));
		expect(subjects(out.questionnaire)).toEqual(subjects(samenwerkingsscan2));
		expect(subjects(out.questionnaire)).toContainEqual(['belangen-opbrengst-inzet', 'eigen-organisatie']);

		const bare = JSON.parse(questionnaires.toJson(samenwerkingsscan2));
		for (const s of bare.sections) for (const i of s.items) delete i.subject;
		const old = await questionnaires.importJson(ctx, JSON.stringify(bare));
		expect(old.ok && old.questionnaire.sections.every((s) => s.items.every((i) => i.subject === 'samenwerking'))).toBe(
			true
		);

		bare.sections[1].items[2].subject = 'partners';
		const wrong = await questionnaires.importJson(ctx, JSON.stringify(bare, null, 2));
		expect(!wrong.ok && wrong.problems.map((p) => [p.path, p.where])).toEqual([
			[
				'sections[1].items[2].subject',
				'Onderdeel 2 ‘De goede stappen, de goede volgorde, in dialoog’, stelling 3, gaat over'
			]
		]);
	});

	it('imports an exported built-in version as the next version of its series', async () => {
		const out = await questionnaires.importJson(ctx, '\uFEFF' + questionnaires.toJson(samenwerkingsscan));
		expect(out.ok && [out.questionnaire.id, out.questionnaire.version, out.renumberedFrom]).toEqual([
			'samenwerkingsscan',
			3,
			1
		]);
		expect((await auditActions()).at(-1)).toBe('questionnaire.imported');
	});

	it('names the field path and the line of each error, in Dutch, and stores nothing', async () => {
		await fc.assert(
			fc.asyncProperty(questionnaireArb, fc.nat(), fc.nat(), async (q, a, b) => {
				const s = a % q.sections.length;
				const i = b % q.sections[s].items.length;
				const broken = structuredClone(q);
				broken.sections[s].items[i].text = 'kort';
				const text = JSON.stringify(broken, null, 2);
				const out = await questionnaires.importJson(ctx, text);
				expect(out.ok).toBe(false);
				if (out.ok) return;
				expect(out.problems).toEqual([
					{
						line: lineOf(text, '"text": "kort"'),
						column: null,
						path: `sections[${s}].items[${i}].text`,
						where: expect.stringMatching(new RegExp(`^Onderdeel ${s + 1}.*, stelling ${i + 1}, tekst$`)),
						message: 'Gebruik ten minste 5 tekens'
					}
				]);
				expect(out.text).toBe(text);
			}),
			{ numRuns: 60 }
		);
		expect(store.network().questionnaires).toEqual([]);
	});

	it('points a missing field to the line of the object that lacks it, and a misspelt one to its own line', async () => {
		const q = JSON.parse(questionnaires.toJson(samenwerkingsscan));
		delete q.sections[1].title;
		q.sections[2].items[0].reverse = true;
		q.scale.labels.pop();
		q.sections[3].items[1].id = q.sections[3].items[0].id;
		const text = JSON.stringify(q, null, 2);
		const out = await questionnaires.importJson(ctx, text);
		if (out.ok) throw new Error('imported');
		const lines = text.split('\n');
		const objectLine = (path: string) => out.problems.find((p) => p.path === path)!.line!;
		expect(out.problems.map((p) => [p.path, p.message])).toEqual([
			['sections[1].title', 'Ontbreekt'],
			['sections[2].items[0].reverse', 'Onbekend veld ‘reverse’: de vragenlijst kent het niet (schrijfwijze?)']
		]);
		// The section without a title is named by the line where it opens.
		expect(lines[objectLine('sections[1].title') - 1].trim()).toBe('{');
		expect(lines[objectLine('sections[1].title')]).toContain('"id": "proces"');
		expect(lines[objectLine('sections[2].items[0].reverse') - 1]).toContain('"reverse": true');

		// Checks across fields run once each field is right; they too name their line.
		delete q.sections[2].items[0].reverse;
		q.sections[1].title = 'Proces';
		const second = JSON.stringify(q, null, 2);
		const next = await questionnaires.importJson(ctx, second);
		if (next.ok) throw new Error('imported');
		expect(next.problems.map((p) => [p.path, p.message])).toEqual([
			['scale.labels', 'Elk schaalpunt heeft een label nodig: 5 punten, 4 labels'],
			['sections[3].items[1].id', 'Item-id belangen-win-win komt twee keer voor']
		]);
		expect(second.split('\n')[next.problems[1].line! - 1]).toContain('"id": "belangen-win-win"');
		expect(store.network().questionnaires).toEqual([]);
	});

	it('gives a syntax error its line and column, and refuses files that are not UTF-8 text', async () => {
		const text = questionnaires.toJson(ontwerpcriteria).replace('"minutes": ', '"minutes": ,');
		const out = await questionnaires.importJson(ctx, text);
		expect(!out.ok && out.problems).toEqual([
			{
				line: lineOf(text, '"minutes"'),
				column: 14,
				path: null,
				where: null,
				message: 'Geen geldige JSON: Verwacht een waarde, maar hier staat ‘,’.'
			}
		]);
		const latin1 = await questionnaires.importJson(ctx, new Uint8Array([0x7b, 0xe9, 0x7d]));
		expect(!latin1.ok && latin1.problems[0].message).toMatch(/geen UTF-8/);
		const empty = await questionnaires.importJson(ctx, '  \n');
		expect(!empty.ok && empty.problems[0].message).toBe('Het bestand is leeg.');
		expect(store.network().questionnaires).toEqual([]);
	});
});

describe('hostile input', () => {
	it('answers any editor post with a save or Dutch reasons, never a crash, and a refused one stores nothing', async () => {
		await copyOf(samenwerkingsscan);
		const names = fc.oneof(
			fc.constantFrom('title', 'description', 'minutes', 'scale.points', 'scale.dontKnowLabel', '__proto__'),
			fc
				.tuple(fc.nat(12), fc.constantFrom('key', 'id', 'title', 'question', 'perspective', 'hasComment'))
				.map(([s, k]) => `sections.${s}.${k}`),
			fc
				.tuple(fc.nat(6), fc.nat(9), fc.constantFrom('key', 'id', 'text', 'reversed', 'isNew'))
				.map(([s, i, k]) => `sections.${s}.items.${i}.${k}`),
			fc.nat(14).map((n) => `scale.labels.${n}`)
		);
		const values = fc.oneof(
			fc.string({ maxLength: 500 }),
			fc.constantFrom('ja', '', '5', 'inhoud', 'inhoud-gedeeld-doel')
		);
		await fc.assert(
			fc.asyncProperty(fc.array(fc.tuple(names, values), { maxLength: 60 }), async (fields) => {
				const before = structuredClone(stored('samenwerkingsscan', 3));
				const form = new FormData();
				for (const [k, v] of fields) form.append(k, v);
				const out = await questionnaires.update(ctx, 'samenwerkingsscan', 3, readDraft(form));
				if (out.ok) expect(questionnaireSchema.parse(stored('samenwerkingsscan', 3))).toEqual(out.value.questionnaire);
				else {
					expect(Object.values(out.errors).every((m) => typeof m === 'string' && m.length > 0)).toBe(true);
					expect(stored('samenwerkingsscan', 3)).toEqual(before);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('answers any uploaded text with an import or problems that name a line, never a crash', async () => {
		const near = fc.tuple(fc.nat(), fc.string({ maxLength: 3 })).map(([at, s]) => {
			const text = questionnaires.toJson(ontwerpcriteria);
			const i = at % text.length;
			return text.slice(0, i) + s + text.slice(i + 2);
		});
		await fc.assert(
			fc.asyncProperty(fc.oneof(near, fc.string(), fc.json()), async (text) => {
				const out = await questionnaires.importJson(ctx, text);
				if (!out.ok) {
					expect(out.problems.length).toBeGreaterThan(0);
					const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).length;
					for (const p of out.problems) if (p.line !== null) expect(p.line).toBeLessThanOrEqual(lines);
				}
			}),
			{ numRuns: 400 }
		);
	});
});
