import { z } from 'zod';
import { idSchema } from './ids';
import { roleLabels, roles, type Role } from './network';

/** An e-mail address as stored: trimmed and lowercase, so that "Jan@X.nl" and "jan@x.nl" are one person. */
export const respondentEmailSchema = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, 'Vul een e-mailadres in')
	.max(200, 'E-mailadres is te lang (hooguit 200 tekens)')
	.pipe(z.email('Vul een geldig e-mailadres in, zoals naam@organisatie.nl'));

export const respondentNameSchema = z
	.string()
	.trim()
	.min(1, 'Vul de naam in')
	.max(200, 'De naam is te lang (hooguit 200 tekens)');

/** The add and edit form. Partner and bodies are checked against the network by the domain module. */
export const respondentFormSchema = z.object({
	name: respondentNameSchema,
	email: respondentEmailSchema,
	partnerId: z.string({ error: 'Kies een partner' }).min(1, 'Kies een partner').pipe(idSchema),
	role: z.enum(roles, { error: 'Kies een rol' }),
	bodyIds: z.array(idSchema).max(100, 'Te veel gremia').default([])
});
export type RespondentForm = z.infer<typeof respondentFormSchema>;

export const activeFilters = ['alle', 'actief', 'inactief'] as const;
export type ActiveFilter = (typeof activeFilters)[number];

/** The list's search and filters, from the URL query; anything unexpected falls back to "no filter". */
export const respondentFilterSchema = z.object({
	q: z.string().trim().max(200).catch(''),
	partner: idSchema.or(z.literal('')).catch(''),
	role: z.enum(roles).or(z.literal('')).catch(''),
	body: idSchema.or(z.literal('')).catch(''),
	status: z.enum(activeFilters).catch('alle'),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});
export type RespondentFilter = z.infer<typeof respondentFilterSchema>;

export function parseRespondentFilter(params: URLSearchParams): RespondentFilter {
	return respondentFilterSchema.parse({
		q: params.get('q') ?? '',
		partner: params.get('partner') ?? '',
		role: params.get('role') ?? '',
		body: params.get('body') ?? '',
		status: params.get('status') ?? 'alle',
		page: params.get('page') ?? 1
	});
}

/** The query string for a filter, leaving defaults out so that links stay short. */
export function filterQuery(filter: Partial<RespondentFilter>): string {
	const params = new URLSearchParams();
	if (filter.q) params.set('q', filter.q);
	if (filter.partner) params.set('partner', filter.partner);
	if (filter.role) params.set('role', filter.role);
	if (filter.body) params.set('body', filter.body);
	if (filter.status && filter.status !== 'alle') params.set('status', filter.status);
	if (filter.page && filter.page > 1) params.set('page', String(filter.page));
	const s = params.toString();
	return s ? `?${s}` : '';
}

/** Columns of the respondents CSV (DESIGN.md §5), in the order the export writes them. */
export const respondentCsvColumns = ['naam', 'e-mail', 'partner', 'rol', 'gremia', 'actief'] as const;

/** A role from a CSV cell: the model's id or its label, in any case. */
export function roleFromCell(cell: string): Role | null {
	const v = cell.trim().toLowerCase();
	if (v === '') return null;
	for (const role of roles) {
		if (role === v || roleLabels[role].toLowerCase() === v) return role;
		// "Raad/Staten", "raad / staten", "raad-staten"
		if (roleLabels[role].toLowerCase().replace(/\s/g, '') === v.replace(/\s/g, '')) return role;
	}
	return null;
}

export const importActionLabels = {
	add: 'toevoegen',
	update: 'bijwerken',
	unchanged: 'ongewijzigd'
} as const;
export type ImportAction = keyof typeof importActionLabels;

/** One row of the import preview, as the page shows it. Problems are Dutch sentences. */
export type ImportPreviewRow = {
	line: number;
	name: string;
	email: string;
	partner: string;
	role: string;
	bodies: string;
	action: ImportAction;
	/** What an update changes ("naam", "rol", …). */
	changes: string[];
	problems: string[];
};

export type ImportPreview = {
	rows: ImportPreviewRow[];
	counts: { add: number; update: number; unchanged: number; problems: number };
	/** A digest of what a commit would do; a commit that would do something else is refused. */
	plan: string;
};

/** What the list and the retention page show of a person. */
export type RespondentListRow = {
	id: string;
	name: string;
	email: string;
	partner: string;
	role: string;
	bodies: string[];
	active: boolean;
	lastInvitedAt: string | null;
};

export type RetentionEntry = RespondentListRow & {
	/** The last invitation, or when the person was added if never invited. */
	lastContact: string;
	dueAt: string;
};

export type RetentionOverview = {
	months: number;
	/** Past the period, the longest overdue first. */
	due: RetentionEntry[];
	/** Due within the next 30 days, soonest first. */
	soon: RetentionEntry[];
	/** People without any date (added before dates were kept): never erased automatically. */
	undated: number;
};
