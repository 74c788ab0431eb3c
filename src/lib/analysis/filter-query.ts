/**
 * The dashboard's filter in the URL: which dimensions and values exist, and how a query string
 * (old, typed by hand or tampered with) becomes a DashboardFilter plus notices for what was
 * ignored. Pure, so the filter form in the browser and the server read it alike.
 */
import { z } from 'zod';
import type { DashboardFilter } from './types';
import {
	helices,
	helixLabels,
	partnerTypeLabels,
	partnerTypes,
	roleLabels,
	roles,
	type Body,
	type Partner,
	type PartnerType
} from '$lib/model/network';

/** URL parameter names of the filter form; the values are the model's ids. */
export const filterDimensions = ['partnerType', 'helix', 'role', 'body'] as const;
export type FilterDimension = (typeof filterDimensions)[number];

export const filterLabels: Record<FilterDimension, string> = {
	partnerType: 'Type partner',
	helix: 'Helix',
	role: 'Rol',
	body: 'Gremium'
};

export interface FilterOption {
	value: string;
	label: string;
}

export interface FilterState {
	/** Recognised values per dimension, in the order of the options. */
	selected: Record<FilterDimension, string[]>;
	/** Dutch notices for values that were ignored. */
	notices: string[];
	/** The recognised filter as a query string ("?role=ambtelijk"), or "" without a filter. */
	query: string;
	/** "Rol: Ambtelijk · Helix: Overheid", or null without a filter. */
	description: string | null;
}

/** More values than a dimension has options is never a real selection; cap the work. */
const MAX_VALUES = 50;
const shown = (v: string) => (v.length > 40 ? `${v.slice(0, 37)}…` : v);

/** The options the filter form offers: only what occurs in this network (roles always). */
export function filterOptions(network: {
	readonly partners: readonly Partner[];
	readonly bodies: readonly Body[];
}): Record<FilterDimension, FilterOption[]> {
	const types = new Set(network.partners.map((p) => p.type));
	const hs = new Set(network.partners.map((p) => p.helix));
	return {
		partnerType: partnerTypes.filter((t) => types.has(t)).map((t) => ({ value: t, label: partnerTypeLabels[t] })),
		helix: helices.filter((h) => hs.has(h)).map((h) => ({ value: h, label: helixLabels[h] })),
		role: roles.map((r) => ({ value: r, label: roleLabels[r] })),
		body: [...network.bodies]
			.sort((a, b) => a.name.localeCompare(b.name, 'nl'))
			.map((b) => ({ value: b.id, label: b.name }))
	};
}

/**
 * Reads the filter from the URL. A link may be old, typed by hand or tampered with, so an
 * unknown value is dropped with a notice rather than failing the page; an empty value is the
 * form's "Alle" choice and says nothing.
 */
export function parseFilter(
	params: URLSearchParams,
	options: Record<FilterDimension, FilterOption[]>
): { filter: DashboardFilter; state: FilterState } {
	const schemas: Record<FilterDimension, z.ZodType<string>> = {
		partnerType: z.enum(partnerTypes),
		helix: z.enum(helices),
		role: z.enum(roles),
		body: z.string().refine((v) => options.body.some((o) => o.value === v))
	};
	const selected = {} as Record<FilterDimension, string[]>;
	const notices: string[] = [];
	for (const dim of filterDimensions) {
		const raw = params
			.getAll(dim)
			.map((v) => v.trim())
			.filter((v) => v !== '');
		const values = new Set<string>();
		const unknown: string[] = [];
		for (const v of raw.slice(0, MAX_VALUES)) {
			const parsed = schemas[dim].safeParse(v);
			if (parsed.success) values.add(parsed.data);
			else unknown.push(v);
		}
		const unknownCount = unknown.length + Math.max(0, raw.length - MAX_VALUES);
		if (unknownCount > 0)
			notices.push(
				`Onbekende waarde${unknownCount > 1 ? 'n' : ''} voor ‘${filterLabels[dim]}’ genegeerd: ${unknown
					.slice(0, 3)
					.map((v) => `“${shown(v)}”`)
					.join(', ')}${unknownCount > 3 ? ` en nog ${unknownCount - 3}` : ''}.`
			);
		// Partner types outside this network are valid ids but offered nowhere; keep them last.
		const order = (v: string) => {
			const i = options[dim].findIndex((o) => o.value === v);
			return i < 0 ? Number.MAX_SAFE_INTEGER : i;
		};
		selected[dim] = [...values].sort((a, b) => order(a) - order(b));
	}

	const search = new URLSearchParams();
	for (const dim of filterDimensions) for (const v of selected[dim]) search.append(dim, v);
	const labelOf = (dim: FilterDimension, v: string) =>
		options[dim].find((o) => o.value === v)?.label ?? (dim === 'partnerType' ? partnerTypeLabels[v as PartnerType] : v);
	const parts = filterDimensions
		.filter((dim) => selected[dim].length > 0)
		.map((dim) => `${filterLabels[dim]}: ${selected[dim].map((v) => labelOf(dim, v)).join(' of ')}`);

	const filter: DashboardFilter = {};
	if (selected.partnerType.length) filter.partnerTypes = selected.partnerType as DashboardFilter['partnerTypes'];
	if (selected.helix.length) filter.helices = selected.helix as DashboardFilter['helices'];
	if (selected.role.length) filter.roles = selected.role as DashboardFilter['roles'];
	if (selected.body.length) filter.bodyIds = selected.body;

	const query = search.toString();
	return {
		filter,
		state: {
			selected,
			notices,
			query: query ? `?${query}` : '',
			description: parts.length > 0 ? parts.join(' · ') : null
		}
	};
}
