import { describe, expect, it } from 'vitest';
import { questionnaireSchema } from '$lib/model/questionnaire';
import { samenwerkingsscan2 } from '$lib/questionnaires';
import { buildAgenda, type GroupDiff } from './agenda';
import { groupsOf } from './breakdowns';
import { readPublished } from './published-tally';
import { buildDashboard } from './dashboard';
import { layoutOf } from './layout';
import {
	answerAll,
	closedRoundInput,
	makeQuestionnaire,
	makeResponse,
	partners,
	publishedSnapshotOf
} from './test-fixtures';
import type { DashboardData, SectionFigures } from './types';

/**
 * Agreement ("hoe gedeeld") is read only from items about the collaboration as a whole: on an
 * item about the respondent's own organisation, answers differ between organisations by design.
 */
const OWN = ['inhoud-2', 'proces-1', 'proces-2'];
const marked = makeQuestionnaire(2, { ownOrganisation: OWN });
const unmarked = makeQuestionnaire(2);

// inhoud-1 everyone 4 (rwg 1); inhoud-2 two camps, 1 or 5 (rwg 0); proces two camps too.
const responses = Array.from({ length: 12 }, (_, i) =>
	makeResponse(
		{ partnerId: i % 2 === 0 ? 'kampen' : 'zwolle', role: 'ambtelijk' },
		answerAll(unmarked, (id) =>
			id === 'inhoud-1' ? 4 : id.startsWith('inhoud') || id.startsWith('proces') ? (i % 2 === 0 ? 1 : 5) : 3
		)
	)
);
const dashboard = (q: typeof marked) => buildDashboard(closedRoundInput(responses, q));
const section = (d: DashboardData, id: string): SectionFigures => {
	const r = d.sections.find((s) => s.sectionId === id)!.result;
	if (r.suppressed) throw new Error(`${id} is withheld`);
	return r;
};

describe('agreement over the items about the collaboration', () => {
	const withOwn = dashboard(marked);
	const without = dashboard(unmarked);

	it('leaves an own-organisation item out of the section’s agreement, but not out of its level', () => {
		const a = section(withOwn, 'inhoud');
		const b = section(without, 'inhoud');
		expect(b.sharedness).toMatchObject({ meanRwg: 0.5, polarisedItems: 1 });
		expect(a.sharedness).toMatchObject({ meanRwg: 1, rwgJ: 1, consensus: 1, leikD: 0, polarisedItems: 0 });
		expect(a.sharedness.word).toBe('zeer sterk gedeeld');
		expect(a.mean).toBe(b.mean);
		expect(a.level).toBe(b.level);
		expect(a.distribution).toEqual(b.distribution);
		// The item itself is still shown with its own figures.
		const own = withOwn.items.find((i) => i.itemId === 'inhoud-2')!;
		expect(own.aboutCollaboration).toBe(false);
		expect(!own.result.suppressed && own.result.rwg).toBe(0);
		// No quadrant either: "verdeeld" would read the same spread as a division.
		expect(!own.result.suppressed && own.result.quadrant).toBe(null);
		const same = without.items.find((i) => i.itemId === 'inhoud-2')!.result;
		expect(!same.suppressed && same.quadrant?.id).toBe('zwak-verdeeld');
	});

	it('calls sharedness not applicable for a section with only own-organisation items', () => {
		const s = section(withOwn, 'proces');
		expect(s.sharedness).toMatchObject({ word: null, meanRwg: null, rwgJ: null, label: 'Niet van toepassing' });
		expect(s.sharedness.explanation).toMatch(/eigen organisatie/);
		expect(s.sentence).toBe('Proces: midden');
		expect(section(without, 'proces').sharedness.word).toBe('niet gedeeld');
	});

	it('keeps own-organisation items off the agenda as divided, but not as a group difference', () => {
		const divided = (d: DashboardData) => d.agenda.filter((a) => a.reason !== 'groepsverschil').map((a) => a.itemId);
		expect(divided(without)).toEqual(expect.arrayContaining(['inhoud-2', 'proces-1', 'proces-2']));
		for (const id of OWN) expect(divided(withOwn)).not.toContain(id);

		const layout = layoutOf(marked);
		const own = withOwn.items.findIndex((i) => i.itemId === 'inhoud-2');
		const group = groupsOf(readPublished(publishedSnapshotOf(responses, marked), layout), partners)[0];
		const gap: GroupDiff = { group, n: 6, mean: 5, restMean: 1, restN: 6, diff: 4, p: 0.001, significant: true };
		const groupDiffs = withOwn.items.map((_, i) => (i === own ? gap : null));
		const agenda = buildAgenda({ layout, items: withOwn.items, groupDiffs, filtered: false });
		expect(agenda.find((a) => a.itemId === 'inhoud-2')?.reason).toBe('groepsverschil');
	});

	it('reads the subject into the layout, and an item without one is about the collaboration', () => {
		const layout = layoutOf(samenwerkingsscan2);
		const own = layout.items.filter((i) => !i.aboutCollaboration).map((i) => i.id);
		expect(own).toContain('belangen-opbrengst-inzet');
		expect(own).not.toContain('belangen-gunnen');
		const bare = questionnaireSchema.parse({
			...unmarked,
			sections: unmarked.sections.map((s) => ({ ...s, items: s.items.map(({ id, text }) => ({ id, text })) }))
		});
		expect(layoutOf(bare).items.every((i) => i.aboutCollaboration)).toBe(true);
	});
});
