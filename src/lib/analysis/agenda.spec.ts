import { describe, expect, it } from 'vitest';
import { buildAgenda, type GroupDiff } from './agenda';
import { groupsOf } from './breakdowns';
import { layoutOf } from './layout';
import { readPublished } from './published-tally';
import { answerAll, makeQuestionnaire, makeResponse, partners, publishedSnapshotOf } from './test-fixtures';
import type { ItemSummary } from './types';

const q = makeQuestionnaire(2, { reversed: ['governance-2'] });
const layout = layoutOf(q);
const someone = () => makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, answerAll(q, 3));
const groups = groupsOf(readPublished(publishedSnapshotOf(Array.from({ length: 6 }, someone), q), layout), partners);
const ambtenaren = groups.find((g) => g.family === 'role' && g.groupId === 'ambtelijk')!;

/** An item summary with a given consensus, Leik's D and distribution. */
function summary(i: number, consensus: number, leikD: number, distribution = [2, 2, 2, 2, 2], mean = 3): ItemSummary {
	const it = layout.items[i];
	const n = distribution.reduce((a, b) => a + b, 0);
	return {
		itemId: it.id,
		sectionId: layout.sections[it.section].id,
		text: `Stelling ${it.id}.`,
		reversed: it.reversed,
		aboutCollaboration: it.aboutCollaboration,
		result: {
			suppressed: false,
			n,
			mean,
			sd: 1,
			ciLow: mean - 0.5,
			ciHigh: mean + 0.5,
			rawMean: it.reversed ? 6 - mean : mean,
			dontKnow: 0,
			distribution,
			rwg: 0.5,
			consensus,
			leikD,
			quadrant: null
		}
	};
}

describe('buildAgenda', () => {
	const diff = (n: number, mean: number, d: number, significant = true): GroupDiff => ({
		group: ambtenaren,
		n,
		mean,
		restMean: mean - d,
		restN: 30,
		diff: d,
		p: significant ? 0.001 : 0.2,
		significant
	});

	it('puts the divided statements first, most divided first, and keeps half the list for group differences', () => {
		const items = layout.items.map((_, i) => summary(i, i < 6 ? 0.2 + i * 0.05 : 0.8, 0.5));
		const groupDiffs: (GroupDiff | null)[] = layout.items.map((_, i) => (i >= 4 ? diff(12, 2, -1 - i * 0.01) : null));
		const agenda = buildAgenda({ layout, items, groupDiffs, filtered: false });
		expect(agenda).toHaveLength(8);
		expect(agenda.map((a) => a.reason)).toEqual([
			'verdeeld',
			'verdeeld',
			'verdeeld',
			'verdeeld',
			'groepsverschil',
			'groepsverschil',
			'groepsverschil',
			'groepsverschil'
		]);
		expect(agenda.slice(0, 4).map((a) => a.itemId)).toEqual(['inhoud-1', 'inhoud-2', 'proces-1', 'proces-2']);
		// The largest group difference comes first among the group items.
		expect(agenda[4].itemId).toBe('governance-2');
		expect(new Set(agenda.map((a) => a.itemId)).size).toBe(8);
	});

	it('lets divided statements fill the list when no group difference passed the correction', () => {
		const items = layout.items.map((_, i) => summary(i, i < 6 ? 0.2 + i * 0.05 : 0.8, 0.5));
		// Large gaps, but not significant after Benjamini–Hochberg: not a reason for the agenda.
		const groupDiffs = layout.items.map((_, i) => (i >= 4 ? diff(12, 2, -1.5, false) : null));
		const agenda = buildAgenda({ layout, items, groupDiffs, filtered: false });
		expect(agenda.map((a) => a.reason)).not.toContain('groepsverschil');
		expect(agenda.slice(0, 6).every((a) => a.reason === 'verdeeld')).toBe(true);
	});

	it('fills up to five with the least agreed statements when partners mostly agree', () => {
		const items = layout.items.map((_, i) => summary(i, 0.9 - i * 0.01, 0.2));
		const agenda = buildAgenda({ layout, items, groupDiffs: items.map(() => null), filtered: false });
		expect(agenda).toHaveLength(5);
		expect(agenda[0].itemId).toBe('governance-2');
		expect(agenda[0].reasonText).toMatch(
			/^Een van de stellingen met de minste overeenstemming \(rwg 0,50: zwak gedeeld, consensus 0,81\)/
		);
		expect(agenda[0].question).toBe('Waar komen de verschillen in de antwoorden op ‘Stelling governance-2’ vandaan?');
	});

	it('speaks about the statement as worded for a reversed item', () => {
		// governance-2 is critical: a lower level for ambtenaren means they agree more with it.
		const items = layout.items.map((_, i) => summary(i, 0.9, 0.2, undefined, 3.5));
		const groupDiffs = layout.items.map((it) => (it.id === 'governance-2' ? diff(10, 2.5, -1) : null));
		const agenda = buildAgenda({ layout, items, groupDiffs, filtered: true });
		const g = agenda.find((a) => a.reason === 'groepsverschil')!;
		expect(g.reasonText).toBe(
			'Ambtenaren zijn het gemiddeld meer eens met deze stelling dan de rest van de selectie (3,5 tegen 2,5 op een schaal van 1 tot 5; duidelijk na correctie voor het aantal vergelijkingen).'
		);
		expect(g.question).toBe(
			'Wat zien ambtenaren anders als het gaat om ‘Stelling governance-2’, en wat is nodig om elkaar hierin te vinden?'
		);
		expect(g.group).toMatchObject({ family: 'role', groupId: 'ambtelijk', n: 10, diff: -1 });
	});

	it('skips withheld items', () => {
		const items: ItemSummary[] = layout.items.map((_, i) =>
			i === 0 ? { ...summary(0, 0, 1), result: { suppressed: true, reason: 'small' } } : summary(i, 0.9, 0.2)
		);
		expect(
			buildAgenda({ layout, items, groupDiffs: items.map(() => null), filtered: false }).map((a) => a.itemId)
		).not.toContain('inhoud-1');
	});
});
