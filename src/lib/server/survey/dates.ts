/**
 * Dates as a respondent reads them, formatted on the server so the page needs no date code and
 * shows Dutch time whatever the server's zone.
 */
const dateTime = new Intl.DateTimeFormat('nl-NL', {
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	timeZone: 'Europe/Amsterdam'
});
const dateOnly = new Intl.DateTimeFormat('nl-NL', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'Europe/Amsterdam'
});

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
		moments.set(iso, (label = formatMomentUncached(iso)));
	}
	return label;
}

function formatMomentUncached(iso: string): string {
	const parts = dateTime.formatToParts(new Date(iso));
	const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')} om ${get('hour')}:${get('minute')} uur`;
}

/** "1 december 2026" */
export const formatDay = (iso: string) => dateOnly.format(new Date(iso));
