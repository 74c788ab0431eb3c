import type { Round } from '$lib/model/round';

const DAY = 24 * 60 * 60 * 1000;

const atHour = (date: Date, hour: number) => {
	const d = new Date(date);
	d.setUTCHours(hour, 0, 0, 0);
	return d;
};

const monthsBefore = (date: Date, months: number) => {
	const d = new Date(date);
	d.setUTCMonth(d.getUTCMonth() - months);
	return d;
};

const seasonName = (d: Date) => `${d.getUTCMonth() < 6 ? 'Voorjaar' : 'Najaar'} ${d.getUTCFullYear()}`;
const slug = (name: string) => name.toLowerCase().replace(/\s+/g, '-');

/**
 * Three rounds relative to `now`: opened about 18 and 12 months ago and closed after six weeks,
 * and one that opened two weeks ago and closes in four. `questionnaireOf` gives each round's
 * questionnaire version, oldest round first.
 */
export function planRounds(
	now: Date,
	questionnaireOf: (roundIndex: number) => { id: string; version: number }
): Round[] {
	const starts: { opensAt: Date; closesAt: Date; open: boolean }[] = [18, 12].map((months) => {
		const opensAt = atHour(monthsBefore(now, months), 8);
		return { opensAt, closesAt: atHour(new Date(opensAt.getTime() + 42 * DAY), 17), open: false };
	});
	starts.push({
		opensAt: atHour(new Date(now.getTime() - 14 * DAY), 8),
		closesAt: atHour(new Date(now.getTime() + 28 * DAY), 17),
		open: true
	});
	const ids = new Set<string>();
	return starts.map(({ opensAt, closesAt, open }, roundIndex) => {
		const questionnaire = questionnaireOf(roundIndex);
		let name = seasonName(opensAt);
		// Half-years 18, 12 and 0.5 months back never coincide, but a clash must not break ids.
		if (ids.has(slug(name))) name = `${name} (${ids.size + 1})`;
		const id = slug(name).replace(/[()]/g, '');
		ids.add(id);
		return {
			id,
			name,
			questionnaireId: questionnaire.id,
			questionnaireVersion: questionnaire.version,
			status: open ? 'open' : 'closed',
			opensAt: opensAt.toISOString(),
			closesAt: closesAt.toISOString(),
			createdAt: new Date(opensAt.getTime() - 7 * DAY).toISOString(),
			closedAt: open ? null : closesAt.toISOString(),
			// Closed but not yet minimised: seeding closes it as the close job would (seed-demo.ts).
			minimisedAt: null
		};
	});
}
