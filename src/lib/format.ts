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
