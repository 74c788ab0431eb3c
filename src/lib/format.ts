/**
 * The one place that writes numbers and dates the Dutch way, for pages, generated sentences and
 * the survey alike: a decimal comma, whole percentages, a real minus sign, Europe/Amsterdam time
 * whatever the server's zone. "–" stands for a number that is not there.
 */
const ZONE = 'Europe/Amsterdam';
const day = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE });
const dayAndTime = new Intl.DateTimeFormat('nl-NL', {
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	timeZone: ZONE
});
const shortDateTime = new Intl.DateTimeFormat('nl-NL', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	timeZone: ZONE
});

/** "1 december 2026" */
export const formatDate = (iso: string) => day.format(new Date(iso));

/** "1 dec 2026, 18:05:09", for lists and logs. */
export const formatDateTime = (iso: string) => shortDateTime.format(new Date(iso));

/**
 * Every survey page shows the round's closing moment; formatToParts is costly enough to show in
 * a profile of the page render, so labels are kept (a bounded cache: submit times are many).
 */
const moments = new Map<string, string>();

/** "maandag 1 december 2026 om 18:00 uur" */
export function formatMoment(iso: string): string {
	let label = moments.get(iso);
	if (label === undefined) {
		if (moments.size >= 1_000) moments.clear();
		const parts = dayAndTime.formatToParts(new Date(iso));
		const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
		label = `${get('weekday')} ${get('day')} ${get('month')} ${get('year')} om ${get('hour')}:${get('minute')} uur`;
		moments.set(iso, label);
	}
	return label;
}

/** 3.456 → "3,5"; 1234.5 → "1.234,5". */
/** One formatter per number of digits: building an Intl.NumberFormat per call cost half a dashboard's render. */
const numberFormats = new Map<number, Intl.NumberFormat>();
export function formatNumber(n: number, digits = 1): string {
	if (!Number.isFinite(n)) return '–';
	let f = numberFormats.get(digits);
	if (!f)
		numberFormats.set(
			digits,
			(f = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits }))
		);
	return f.format(n);
}

/** Like formatNumber, for a figure that may be withheld or missing. */
export const formatValue = (x: number | null | undefined, digits = 1): string =>
	x === null || x === undefined ? '–' : formatNumber(x, digits);

/** "+0,22" / "−0,15": a real minus sign, and a plus so that no sign is ever implied. */
export function formatSigned(x: number, digits = 2): string {
	const s = formatNumber(Math.abs(x), digits);
	if (s === formatNumber(0, digits)) return s;
	return `${x > 0 ? '+' : '−'}${s}`;
}

/** 12 of 40 → "30%"; nothing to divide by → "–". */
export const formatPercent = (part: number, whole: number) =>
	whole > 0 ? `${Math.round((100 * part) / whole)}%` : '–';

/** 0.4567 → "46%". */
export const formatShare = (share: number) => `${Math.round(share * 100)}%`;
