/**
 * Dates and times as the regiobureau types and reads them: wall-clock time in Europe/Amsterdam,
 * whatever the server's zone, while the store keeps UTC. Summer time makes this more than an
 * offset: on the last Sunday of March the clock jumps from 02:00 to 03:00 (02:30 does not exist
 * that night), and on the last Sunday of October 02:00–03:00 happens twice.
 */
export const ZONE = 'Europe/Amsterdam';

const wall = new Intl.DateTimeFormat('en-GB', {
	timeZone: ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit'
});

/** The Amsterdam wall clock at an instant, as a `datetime-local` value: "2026-03-29T14:05". */
function wallClock(ms: number): string {
	const p: Record<string, string> = {};
	for (const part of wall.formatToParts(new Date(ms))) p[part.type] = part.value;
	return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A stored UTC moment as the value of a `datetime-local` field in Amsterdam time. */
export const toLocalInput = (iso: string) => wallClock(Date.parse(iso));

export type LocalTimeParse =
	{ ok: true; iso: string } | { ok: false; reason: 'empty' | 'format' | 'nonexistent'; message: string };

/**
 * Accepts what a `datetime-local` field posts ("2026-03-29T14:05", seconds allowed), and what
 * someone types where the browser shows a plain text field: "2026-03-29 14:05" or
 * "29-03-2026 14:05".
 */
const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const DUTCH = /^(\d{1,2})-(\d{1,2})-(\d{4}),? (\d{1,2})[:.](\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A wall-clock time in Amsterdam as a UTC ISO string. A time that does not exist (skipped when
 * summer time begins) is refused, with what to enter instead; a time that happens twice (when
 * it ends) means its first occurrence, in summer time.
 */
export function fromLocalInput(value: string): LocalTimeParse {
	const text = value.trim();
	if (text === '') return { ok: false, reason: 'empty', message: 'Vul een datum en tijd in' };
	const iso = ISO_LIKE.exec(text);
	const nl = iso ? null : DUTCH.exec(text);
	const fields = iso
		? { y: +iso[1], mo: +iso[2], d: +iso[3], h: +iso[4], mi: +iso[5] }
		: nl
			? { y: +nl[3], mo: +nl[2], d: +nl[1], h: +nl[4], mi: +nl[5] }
			: null;
	const bad: LocalTimeParse = {
		ok: false,
		reason: 'format',
		message: 'Vul een geldige datum en tijd in, zoals 14-09-2026 09:00'
	};
	if (!fields) return bad;
	const { y, mo, d, h, mi } = fields;
	const asUtc = Date.UTC(y, mo - 1, d, h, mi);
	const check = new Date(asUtc);
	if (
		y < 2000 ||
		y > 2200 ||
		check.getUTCMonth() !== mo - 1 ||
		check.getUTCDate() !== d ||
		check.getUTCHours() !== h ||
		check.getUTCMinutes() !== mi
	)
		return bad;
	const wanted = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`;
	// The zone's offset on either side of the moment covers both offsets of a change that night.
	const HOURS_14 = 14 * 3600 * 1000;
	const offsets = new Set([asUtc - HOURS_14, asUtc + HOURS_14].map((ms) => Date.parse(`${wallClock(ms)}:00Z`) - ms));
	const found = [...offsets].map((off) => asUtc - off).filter((ms) => wallClock(ms) === wanted);
	if (found.length === 0)
		return {
			ok: false,
			reason: 'nonexistent',
			message: `${pad(h)}:${pad(mi)} bestaat niet op deze dag: de klok gaat dan van 02:00 naar 03:00 (zomertijd). Kies bijvoorbeeld 03:00.`
		};
	return { ok: true, iso: new Date(Math.min(...found)).toISOString() };
}
