/**
 * The dashboard's selection in the URL: one published cell or none (the whole network). A cell
 * is one value of one dimension (`?role=ambtelijk`, `?partner=zwolle`); combinations and several
 * values at once are refused, because the audit at close covers exactly the published cells and
 * the difference between two other selections could single out a few people. Pure, so the form
 * in the browser and the server read it alike.
 */
import { cellDimensions, publishedCellKey, type CellDimension, type PublishedCell } from '$lib/model/published';

/** URL parameter names: the cell dimensions (the whole network has none). */
export const selectionParams = cellDimensions.filter((d): d is Exclude<CellDimension, 'all'> => d !== 'all');
export type SelectionParam = (typeof selectionParams)[number];

/** The form's one drop-down sends `cel=role:ambtelijk`; the server answers with the canonical URL. */
export const FORM_PARAM = 'cel';

export const selectionLabels: Record<SelectionParam, string> = {
	partnerType: 'Type partner',
	helix: 'Helix',
	role: 'Rol',
	body: 'Gremium',
	centre: 'Centrumgemeente',
	partner: 'Partner'
};

export interface SelectionOption {
	/** `publishedCellKey`: what the form sends. */
	key: string;
	label: string;
}

export interface SelectionGroup {
	param: SelectionParam;
	label: string;
	options: SelectionOption[];
}

export interface SelectionState {
	/** The cell shown: `all` or `dimension:value`. */
	key: string;
	/** The selection as a query string ("?role=ambtelijk"), or "" for the whole network. */
	query: string;
	/** "Rol: Ambtelijk", or null for the whole network. */
	description: string | null;
	/** Dutch notices for what was ignored. */
	notices: string[];
}

export type ParsedSelection =
	{ kind: 'cell'; state: SelectionState } | { kind: 'redirect'; query: string } | { kind: 'refused'; reason: string };

const shown = (v: string) => (v.length > 40 ? `${v.slice(0, 37)}…` : v);
const queryOf = (cell: { dimension: CellDimension; value: string | null }) =>
	cell.value === null ? '' : `?${new URLSearchParams({ [cell.dimension]: cell.value })}`;

/** The form's choices: the round's published cells, grouped by dimension, partners by name. */
export function selectionGroups(cells: readonly PublishedCell[]): SelectionGroup[] {
	return selectionParams
		.map((param) => {
			const options = cells
				.filter((c) => c.dimension === param && c.value !== null)
				.map((c) => ({ key: publishedCellKey(c), label: c.label }));
			if (param === 'body' || param === 'partner') options.sort((a, b) => a.label.localeCompare(b.label, 'nl'));
			return { param, label: selectionLabels[param], options };
		})
		.filter((g) => g.options.length > 0);
}

export const REFUSED_COMBINATION =
	'Een selectie is één groep: één type partner, één helix, één rol, één gremium, centrumgemeente of niet, of één partner. ' +
	'Combinaties en meerdere waarden tegelijk worden niet getoond: het verschil tussen zulke selecties zou de antwoorden van een kleine groep verraden.';

/**
 * Reads the selection from the URL against the round's published cells (null while the round has
 * none). An unknown value is ignored with a notice rather than failing the page (a link may be
 * old or typed by hand); an empty value is the form's "Hele netwerk" and says nothing.
 */
export function parseSelection(params: URLSearchParams, cells: readonly PublishedCell[] | null): ParsedSelection {
	const given: { param: SelectionParam; value: string }[] = [];
	for (const param of selectionParams)
		for (const v of new Set(params.getAll(param).map((x) => x.trim()))) if (v !== '') given.push({ param, value: v });
	const form = params.get(FORM_PARAM)?.trim() ?? '';
	if (given.length > 1 || (given.length === 1 && form !== '')) return { kind: 'refused', reason: REFUSED_COMBINATION };

	const whole = (notices: string[] = []): ParsedSelection => ({
		kind: 'cell',
		state: { key: 'all', query: '', description: null, notices }
	});
	if (form !== '' && form !== 'all') {
		const at = form.indexOf(':');
		const param = form.slice(0, at) as SelectionParam;
		if (at > 0 && selectionParams.includes(param))
			return { kind: 'redirect', query: queryOf({ dimension: param, value: form.slice(at + 1) }) };
		return whole([`Onbekende selectie genegeerd: “${shown(form)}”.`]);
	}
	if (given.length === 0) return whole();

	const [{ param, value }] = given;
	if (!cells)
		return whole([
			'Selecties zijn er pas als de meetronde is gesloten en de uitkomsten zijn gepubliceerd; u ziet het hele netwerk.'
		]);
	const cell = cells.find((c) => c.dimension === param && c.value === value);
	if (!cell)
		return whole([
			param === 'partner'
				? `Partner “${shown(value)}” is in deze meetronde geen gepubliceerde groep (te weinig respondenten); u ziet het hele netwerk.`
				: `Onbekende waarde voor ‘${selectionLabels[param]}’ genegeerd: “${shown(value)}”.`
		]);
	return {
		kind: 'cell',
		state: {
			key: publishedCellKey(cell),
			query: queryOf(cell),
			description: `${selectionLabels[param]}: ${cell.label}`,
			notices: []
		}
	};
}
