import { describe, expect, it } from 'vitest';
import { buildPartnerReport, publishedPartners } from './partner-report';
import { partnerSchema } from '$lib/model/network';
import type { PublishedSnapshot } from '$lib/model/published';
import { samenwerkingsscan } from '$lib/questionnaires/samenwerkingsscan';

const q = samenwerkingsscan;
const itemIds = q.sections.flatMap((s) => s.items.map((i) => i.id));
const sectionIds = q.sections.map((s) => s.id);

/** A cell where `n` people answered every statement with `answer` (or split between two answers). */
function cell(dimension: 'all' | 'partner' | 'partnerType', value: string | null, n: number, answers: number[]) {
	const counts = [0, 0, 0, 0, 0];
	answers.forEach((a, i) => (counts[a - 1] += i < n ? 1 : 0));
	const levels = answers.slice(0, n);
	const sum = levels.reduce((t, x) => t + x, 0);
	const sumSq = levels.reduce((t, x) => t + x * x, 0);
	return {
		cell: { dimension, value, label: value ?? 'Hele netwerk' },
		n: { released: true as const, n },
		sections: Object.fromEntries(
			sectionIds.map((id) => [id, { released: true as const, n, sum, sumSq, dontKnow: 0, itemsWithheld: 0 }])
		),
		items: Object.fromEntries(itemIds.map((id) => [id, { released: true as const, counts, dontKnow: 0 }]))
	};
}
const withheldCell = (value: string) => ({
	cell: { dimension: 'partner' as const, value, label: value },
	n: { released: false as const, reason: 'small' as const },
	sections: Object.fromEntries(sectionIds.map((id) => [id, { released: false as const, reason: 'small' as const }])),
	items: Object.fromEntries(itemIds.map((id) => [id, { released: false as const, reason: 'small' as const }]))
});

const partners = [
	partnerSchema.parse({
		id: 'zwolle',
		name: 'Gemeente Zwolle',
		type: 'gemeente',
		helix: 'overheid',
		contactEmail: 'z@x.nl'
	}),
	partnerSchema.parse({ id: 'kampen', name: 'Gemeente Kampen', type: 'gemeente', helix: 'overheid' }),
	partnerSchema.parse({ id: 'viaa', name: 'Viaa', type: 'onderwijs', helix: 'onderwijs' })
];
const spread = (n: number, lo: number, hi: number) => Array.from({ length: n }, (_, i) => (i % 2 ? lo : hi));

function snapshot(zwolle: number[]): PublishedSnapshot {
	return {
		version: 1,
		k: 5,
		points: 5,
		sectionIds,
		itemIds,
		cells: [
			cell('all', null, 24, [...zwolle, ...spread(24 - zwolle.length, 3, 4)]),
			cell('partnerType', 'gemeente', 20, [...zwolle, ...spread(20 - zwolle.length, 3, 4)]),
			cell('partner', 'zwolle', zwolle.length, zwolle),
			cell('partner', 'kampen', 8, spread(8, 3, 4)),
			withheldCell('viaa')
		]
	};
}
const participation = { invited: 30, invitedByPartnerType: {}, started: 24, submitted: 24, submittedByPartnerType: {} };
const input = (snap: PublishedSnapshot, previous: PublishedSnapshot | null = null) => ({
	networkName: 'Regio Test',
	questionnaire: q,
	round: { id: 'najaar', name: 'Najaar', opensAt: '2026-09-01T00:00:00.000Z' },
	snapshot: snap,
	previousRound: previous
		? {
				round: { id: 'voorjaar', name: 'Voorjaar', opensAt: '2026-03-01T00:00:00.000Z' },
				snapshot: previous,
				questionnaire: q
			}
		: null,
	partners,
	participation
});

describe('partner reports', () => {
	it('lists only partners whose own cell was released, and counts the others without naming them', () => {
		const l = publishedPartners(snapshot(spread(12, 1, 5)), partners);
		expect(l.partners.map((p) => p.id)).toEqual(['zwolle', 'kampen']);
		expect(l.withoutReport).toBe(1);
		expect(buildPartnerReport(input(snapshot(spread(12, 1, 5))), 'viaa')).toBeNull();
	});

	it('puts the partner beside its type and the network, and its split statements first', () => {
		const r = buildPartnerReport(input(snapshot(spread(12, 1, 5))), 'zwolle')!;
		const s = r.sections[0];
		expect(s.partner.suppressed || s.partner.mean).toBe(3);
		expect(s.partnerType.suppressed).toBe(false);
		expect(s.network.suppressed).toBe(false);
		expect(s.partner.suppressed ? null : s.partner.sharedLabel.toLowerCase()).toContain('niet gedeeld');
		expect(r.divided.length).toBeGreaterThan(0);
		expect(r.divided[0].distribution).toEqual([6, 0, 0, 0, 6]);
		expect(r.previous).toBeNull();
	});

	it('compares with the partner’s cell of the previous round only when that was released', () => {
		const before = snapshot(Array(12).fill(2));
		const now = snapshot(
			Array(12)
				.fill(4)
				.map((x, i) => (i % 3 ? x : 5))
		);
		const r = buildPartnerReport(input(now, before), 'zwolle')!;
		expect(r.previous?.published).toBe(true);
		expect(r.sections[0].change?.change?.diff).toBeGreaterThan(2);
		expect(r.sections[0].change?.change?.significant).toBe(true);

		const hidden = {
			...before,
			cells: before.cells.map((c) => (c.cell.value === 'zwolle' ? withheldCell('zwolle') : c))
		};
		const r2 = buildPartnerReport(input(now, hidden), 'zwolle')!;
		expect(r2.previous?.published).toBe(false);
		expect(r2.sections.every((s) => s.change === null)).toBe(true);
	});
});
