/** Dutch formatting used across pages. */
const dateFormat = new Intl.DateTimeFormat('nl-NL', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'Europe/Amsterdam'
});

export const formatDate = (iso: string) => dateFormat.format(new Date(iso));

export const formatNumber = (n: number, digits = 1) =>
	Number.isFinite(n)
		? n.toLocaleString('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits })
		: '–';

export const formatPercent = (part: number, whole: number) =>
	whole > 0 ? `${Math.round((100 * part) / whole)}%` : '–';

const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	timeZone: 'Europe/Amsterdam'
});

/** A moment as people in the Netherlands read it, whatever the server's time zone. */
export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));
