/**
 * A figure exactly on a line reads the same everywhere it appears: the headline sentence, the
 * section's quadrant and its statement's, the agenda, and the report as rendered (issue 14).
 * One statement per perspective, so a statement's rwg is its perspective's mean rwg.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import Report from './+page.svelte';
import { buildDashboard } from '$lib/analysis/dashboard';
import type { RoundDashboard } from '$lib/analysis/round-dashboard';
import { closedRoundInput, makeQuestionnaire, makeResponse } from '$lib/analysis/test-fixtures';
import type { DashboardData } from '$lib/analysis/types';
import type { PublishedSnapshot } from '$lib/model/published';

const q = makeQuestionnaire(1, { reversed: ['governance-1'] });

/** 36 answers per statement (0 = weet niet), chosen to land exactly on the lines. */
const spread = (counts: Record<number, number>): number[] =>
	Object.entries(counts).flatMap(([v, c]) => Array<number>(c).fill(Number(v)));
const answers: Record<string, number[]> = {
	// Mean 3.50, variance 21/35 = .6: rwg .70, the top of "matig".
	inhoud: spread({ 2: 3, 3: 15, 4: 15, 5: 3 }),
	// Mean 3.00, variance 34/34 = 1: rwg .50, the top of "zwak"; one "weet niet".
	proces: spread({ 2: 17, 3: 1, 4: 17, 0: 1 }),
	// Mean 4.00, variance 6/30 = .2: rwg .90, the top of "sterk".
	relatie: spread({ 3: 3, 4: 25, 5: 3, 0: 5 }),
	// Mean 3.00, variance 42/30 = 1.4: rwg .30, the top of "niet gedeeld".
	belangen: spread({ 1: 2, 2: 13, 3: 1, 4: 13, 5: 2, 0: 5 }),
	// Critically worded, answered 1 to 4: recoded (6 − answer) mean 3.50, rwg .70.
	governance: spread({ 1: 3, 2: 15, 3: 15, 4: 3 })
};
const responses = Array.from({ length: 36 }, (_, r) =>
	makeResponse(
		{ partnerId: 'kampen', role: 'ambtelijk' },
		Object.fromEntries(Object.entries(answers).map(([p, a]) => [`${p}-1`, a[r]]))
	)
);

const expected = {
	inhoud: { sentence: 'Inhoud: hoog en matig gedeeld', word: 'matig gedeeld', quadrant: 'Hoog, niet sterk gedeeld' },
	proces: {
		sentence: 'Proces: midden en zwak gedeeld',
		word: 'zwak gedeeld',
		quadrant: 'Niet hoog, niet sterk gedeeld'
	},
	relatie: { sentence: 'Relatie: hoog en sterk gedeeld', word: 'sterk gedeeld', quadrant: 'Hoog en sterk gedeeld' },
	belangen: {
		sentence: 'Belangen: midden en niet gedeeld',
		word: 'niet gedeeld',
		quadrant: 'Niet hoog, niet sterk gedeeld'
	},
	governance: {
		sentence: 'Governance: hoog en matig gedeeld',
		word: 'matig gedeeld',
		quadrant: 'Hoog, niet sterk gedeeld'
	}
};

function reportText(data: DashboardData): string {
	const dashboard: RoundDashboard = {
		networkName: 'Testnetwerk',
		round: {
			id: 'ronde',
			name: 'Najaar 2026',
			status: 'closed',
			statusLabel: 'Gesloten',
			opensAt: '2026-10-01T08:00:00.000Z',
			closesAt: '2026-10-31T17:00:00.000Z'
		},
		questionnaire: { id: q.id, title: q.title, version: q.version },
		selection: [],
		filter: { key: 'all', query: '', description: null, notices: [] },
		notices: [],
		data
	};
	const { body } = render(Report, { props: { data: { dashboard } as never } });
	return body
		.replace(/<!--[^>]*-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ');
}

describe('a figure on a line reads the same on every page', () => {
	const input = closedRoundInput(responses, q);
	const d = buildDashboard(input);

	it('in the headline sentence, the quadrants and the agenda', () => {
		for (const [id, e] of Object.entries(expected)) {
			const s = d.sections.find((x) => x.sectionId === id)!;
			if (s.result.suppressed) throw new Error(`${id} withheld`);
			expect(s.result.sentence).toBe(e.sentence);
			expect(s.result.sharedness.word).toBe(e.word);
			expect(s.result.quadrant?.label).toBe(e.quadrant);
			const item = d.items.find((x) => x.itemId === `${id}-1`)!;
			if (item.result.suppressed) throw new Error(`${id}-1 withheld`);
			expect(item.result.quadrant?.label).toBe(e.quadrant);
			const a = d.agenda.find((x) => x.itemId === `${id}-1`)!;
			expect(a.agreementWord).toBe(e.word);
			expect(a.reasonText).toContain(`: ${e.word}`);
		}
	});

	it('in the report as rendered', () => {
		const text = reportText(d);
		for (const [id, e] of Object.entries(expected)) {
			expect(text).toContain(e.sentence);
			// The report leaves the quadrant chart out (its numbers are in the perspectives'
			// tables), so a statement's line there carries the agreement word of its rwg.
			expect(text).toMatch(new RegExp(`Stelling ${id}-1 over de samenwerking\\. [^|]*? ${e.word}`));
		}
		expect(text).toMatch(/0,51–0,70 ?: matige overeenstemming, matig gedeeld/);
		expect(text).toMatch(/0,71–0,90 ?: sterke overeenstemming, sterk gedeeld/);
		expect(text).toContain('rwg 0,70: matig gedeeld');
		expect(text).toContain('Matig gedeeld');
		// Without stored intervals nothing is said about them (the level keeps its t-interval).
		expect(text).not.toMatch(/95%-interval \d/);
	});

	it('with stored intervals, in the words and their explanation', () => {
		const snapshot: PublishedSnapshot = structuredClone(input.snapshot!);
		const all = snapshot.cells.find((c) => c.cell.dimension === 'all')!;
		const set = (id: string, level: [number, number], meanRwg: [number, number]) => {
			const t = all.sections[id];
			if (t.released) t.bootstrap = { level, meanRwg };
		};
		set('inhoud', [3.4, 3.6], [0.62, 0.78]);
		set('proces', [2.9, 3.1], [0.42, 0.5]);
		set('relatie', [3.5, 4.4], [0.4, 0.95]);
		const withIntervals = buildDashboard({ ...input, snapshot });
		const sentence = (id: string) => {
			const s = withIntervals.sections.find((x) => x.sectionId === id)!;
			return s.result.suppressed ? null : s.result.sentence;
		};
		expect(sentence('inhoud')).toBe('Inhoud: midden tot hoog en matig tot sterk gedeeld');
		expect(sentence('proces')).toBe('Proces: laag tot midden en zwak gedeeld');
		expect(sentence('relatie')).toBe('Relatie: hoog, overeenstemming nog onzeker');
		// Without an interval (older snapshots) the point estimate's word stands.
		expect(sentence('belangen')).toBe('Belangen: midden en niet gedeeld');
		const text = reportText(withIntervals);
		expect(text).toContain('Inhoud: midden tot hoog en matig tot sterk gedeeld');
		expect(text).toContain('95%-interval 0,62–0,78');
		expect(text).toContain('de puntschatting valt in ‘sterk gedeeld’');
		// A statement's own word stays with its point estimate (one item: no interval).
		expect(text).toMatch(/Stelling inhoud-1 over de samenwerking\. [^|]*? 0,70 matig gedeeld/);
	});
});
