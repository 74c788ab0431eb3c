import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './local-time';

const utc = (value: string) => {
	const out = fromLocalInput(value);
	if (!out.ok) throw new Error(out.message);
	return out.iso;
};

describe('Amsterdam wall-clock time ↔ UTC', () => {
	it('is one hour ahead of UTC in winter and two in summer', () => {
		expect(utc('2026-01-15T09:00')).toBe('2026-01-15T08:00:00.000Z');
		expect(utc('2026-07-01T09:00')).toBe('2026-07-01T07:00:00.000Z');
		expect(toLocalInput('2026-01-15T08:00:00.000Z')).toBe('2026-01-15T09:00');
		expect(toLocalInput('2026-07-01T07:00:00.000Z')).toBe('2026-07-01T09:00');
	});

	it('refuses a time that does not exist when summer time begins, and says what to pick', () => {
		const out = fromLocalInput('2026-03-29T02:30');
		expect(out).toMatchObject({ ok: false, reason: 'nonexistent' });
		expect(!out.ok && out.message).toMatch(/03:00/);
		// Either side of the jump is fine.
		expect(utc('2026-03-29T01:59')).toBe('2026-03-29T00:59:00.000Z');
		expect(utc('2026-03-29T03:00')).toBe('2026-03-29T01:00:00.000Z');
	});

	it('takes the first of a time that happens twice when summer time ends (still summer time)', () => {
		expect(utc('2026-10-25T02:30')).toBe('2026-10-25T00:30:00.000Z');
		expect(utc('2026-10-25T03:00')).toBe('2026-10-25T02:00:00.000Z');
		// Both instants of that half hour read back as the same wall-clock time.
		expect(toLocalInput('2026-10-25T00:30:00.000Z')).toBe('2026-10-25T02:30');
		expect(toLocalInput('2026-10-25T01:30:00.000Z')).toBe('2026-10-25T02:30');
	});

	it('round-trips every half hour across both changes of 2026', () => {
		for (const start of ['2026-03-28T00:00:00Z', '2026-10-24T00:00:00Z'])
			for (let i = 0; i < 96; i++) {
				const iso = new Date(Date.parse(start) + i * 30 * 60_000).toISOString();
				const back = utc(toLocalInput(iso));
				// In the doubled hour the later instant reads back as the earlier one; nowhere else.
				if (back !== iso) expect(Date.parse(iso) - Date.parse(back)).toBe(3600_000);
			}
	});

	it('accepts what a browser without a date-time field lets people type, with seconds or without', () => {
		expect(utc('2026-09-14 09:00')).toBe('2026-09-14T07:00:00.000Z');
		expect(utc('14-09-2026 09:00')).toBe('2026-09-14T07:00:00.000Z');
		expect(utc(' 2026-09-14T09:00:00 ')).toBe('2026-09-14T07:00:00.000Z');
	});

	it('refuses what is not a date and time, or not a real one', () => {
		for (const bad of ['morgen', '2026-02-30T09:00', '2026-13-01T09:00', '2026-09-14T24:00', '2026-09-14'])
			expect(fromLocalInput(bad), bad).toMatchObject({ ok: false, reason: 'format' });
		expect(fromLocalInput('')).toMatchObject({ ok: false, reason: 'empty' });
	});
});
