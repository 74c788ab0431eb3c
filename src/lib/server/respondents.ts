import { randomBytes } from 'node:crypto';
import type { DomainContext } from './context';
import * as audit from './audit';
import { inviteJoinersAfterChange } from './invitations';
import { roleLabels, type Respondent } from '$lib/model/network';
import type { NetworkFile } from './store/files';
import type { RespondentFilter, RespondentForm, RespondentListRow } from '$lib/model/respondent-forms';

/** Field → Dutch message, for a form the network refused (a taken e-mail, a partner that is gone). */
export class RespondentInputError extends Error {
	constructor(readonly errors: Record<string, string>) {
		super(Object.values(errors).join(' '));
		this.name = 'RespondentInputError';
	}
}

export class RespondentNotFoundError extends Error {
	constructor(id: string) {
		super(`Deelnemer ${id} bestaat niet (meer).`);
		this.name = 'RespondentNotFoundError';
	}
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * Random, never derived from the name: ids end up in round files and the audit log, which must
 * not tell who it was once the person is erased.
 */
export function newRespondentId(taken: (id: string) => boolean): string {
	let id: string;
	do {
		const bytes = randomBytes(10);
		id = 'd-' + Array.from(bytes, (b) => BASE32[b & 31]).join('');
	} while (taken(id));
	return id;
}

const collator = new Intl.Collator('nl', { sensitivity: 'base' });
/** Lowercase without accents: "Sánchez" is found by "sanchez". */
export const searchKey = (s: string) =>
	s
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase();

/** People matching the filter (all pages), sorted by name. */
export function matching(ctx: DomainContext, filter: RespondentFilter): Respondent[] {
	const { respondents } = ctx.store.network();
	const q = searchKey(filter.q);
	const out = respondents.filter(
		(r) =>
			(!filter.partner || r.partnerId === filter.partner) &&
			(!filter.role || r.role === filter.role) &&
			(!filter.body || r.bodyIds.includes(filter.body)) &&
			(filter.status === 'alle' || r.active === (filter.status === 'actief')) &&
			(!q || searchKey(r.name).includes(q) || r.email.includes(q))
	);
	return out.sort((a, b) => collator.compare(a.name, b.name) || a.email.localeCompare(b.email));
}

export type Option = { id: string; name: string };
export type RespondentList = {
	rows: RespondentListRow[];
	/** People matching the filter, on all pages. */
	total: number;
	/** People in the network. */
	all: number;
	page: number;
	pages: number;
	partners: Option[];
	bodies: Option[];
};

export const PAGE_SIZE = 50;

/** Maps people to what the list shows, resolving partner and body names once. */
export function listRows(network: Readonly<NetworkFile>): (r: Respondent) => RespondentListRow {
	const partnerName = new Map(network.partners.map((p) => [p.id, p.name]));
	const bodyName = new Map(network.bodies.map((b) => [b.id, b.name]));
	return (r) => ({
		id: r.id,
		name: r.name,
		email: r.email,
		partner: partnerName.get(r.partnerId) ?? r.partnerId,
		role: roleLabels[r.role],
		bodies: r.bodyIds.map((id) => bodyName.get(id) ?? id),
		active: r.active,
		lastInvitedAt: r.lastInvitedAt
	});
}

export function list(ctx: DomainContext, filter: RespondentFilter, pageSize = PAGE_SIZE): RespondentList {
	const network = ctx.store.network();
	const found = matching(ctx, filter);
	const pages = Math.max(1, Math.ceil(found.length / pageSize));
	const page = Math.min(filter.page, pages);
	const rows = found.slice((page - 1) * pageSize, page * pageSize).map(listRows(network));
	// The filter offers archived partners too: their people are still in the list.
	const byName = (a: Option, b: Option) => collator.compare(a.name, b.name);
	return {
		rows,
		total: found.length,
		all: network.respondents.length,
		page,
		pages,
		partners: network.partners.map((p) => ({ id: p.id, name: p.name })).sort(byName),
		bodies: options(ctx).bodies
	};
}

/** Partners and bodies to choose from, by name. Archived partners are offered nowhere new. */
export function options(ctx: DomainContext, keepPartnerId?: string): { partners: Option[]; bodies: Option[] } {
	const network = ctx.store.network();
	const byName = (a: Option, b: Option) => collator.compare(a.name, b.name);
	return {
		partners: network.partners
			.filter((p) => !p.archived || p.id === keepPartnerId)
			.map((p) => ({ id: p.id, name: p.name }))
			.sort(byName),
		bodies: network.bodies.map((b) => ({ id: b.id, name: b.name })).sort(byName)
	};
}

export function get(ctx: DomainContext, id: string): Respondent | null {
	return ctx.store.network().respondents.find((r) => r.id === id) ?? null;
}

/** The network's checks on a form: a known partner and bodies, an e-mail nobody else has. */
function check(draft: NetworkFile, input: RespondentForm, selfId: string | null) {
	const errors: Record<string, string> = {};
	const partner = draft.partners.find((p) => p.id === input.partnerId);
	const current = selfId ? draft.respondents.find((r) => r.id === selfId) : null;
	if (!partner) errors.partnerId = 'Deze partner bestaat niet (meer); kies een andere';
	else if (partner.archived && current?.partnerId !== partner.id)
		errors.partnerId = 'Deze partner is gearchiveerd; kies een andere';
	const bodies = new Set(draft.bodies.map((b) => b.id));
	if (input.bodyIds.some((id) => !bodies.has(id))) errors.bodyIds = 'Een van de gekozen gremia bestaat niet (meer)';
	if (draft.respondents.some((r) => r.id !== selfId && r.email === input.email))
		errors.email = 'Er is al een deelnemer met dit e-mailadres';
	if (Object.keys(errors).length) throw new RespondentInputError(errors);
}

export async function create(ctx: DomainContext, input: RespondentForm): Promise<string> {
	const id = await ctx.store.updateNetwork((d) => {
		check(d, input, null);
		const ids = new Set(d.respondents.map((r) => r.id));
		const id = newRespondentId((x) => ids.has(x));
		d.respondents.push({
			id,
			...input,
			bodyIds: [...new Set(input.bodyIds)],
			active: true,
			lastInvitedAt: null,
			emailWrongAt: null,
			createdAt: ctx.now().toISOString()
		});
		return id;
	});
	// Id only: partner and role together can point at one person of a small partner, also after erasure.
	await audit.record(ctx, 'respondent.created', id);
	await inviteJoinersAfterChange(ctx);
	return id;
}

const fieldLabels = { name: 'naam', email: 'e-mail', partnerId: 'partner', role: 'rol', bodyIds: 'gremia' } as const;

/** Which fields differ, by their Dutch name ("naam", "gremia"). Bodies compare as a set. */
export function changedFields(before: Respondent, after: RespondentForm): string[] {
	const out: string[] = [];
	for (const key of Object.keys(fieldLabels) as (keyof typeof fieldLabels)[]) {
		const same =
			key === 'bodyIds'
				? before.bodyIds.length === new Set(after.bodyIds).size &&
					after.bodyIds.every((b) => before.bodyIds.includes(b))
				: before[key] === after[key];
		if (!same) out.push(fieldLabels[key]);
	}
	return out;
}

export async function update(ctx: DomainContext, id: string, input: RespondentForm): Promise<void> {
	const changed = await ctx.store.updateNetwork((d) => {
		const r = d.respondents.find((x) => x.id === id);
		if (!r) throw new RespondentNotFoundError(id);
		check(d, input, id);
		const changed = changedFields(r, input);
		// A new address is a new chance: the mark said the old one was wrong.
		if (input.email !== r.email) r.emailWrongAt = null;
		Object.assign(r, input, { bodyIds: [...new Set(input.bodyIds)] });
		return changed;
	});
	if (changed.length) await audit.record(ctx, 'respondent.updated', id, `Gewijzigd: ${changed.join(', ')}`);
	// A new partner, role or bodies may bring the person into an open round's selection.
	if (changed.length) await inviteJoinersAfterChange(ctx);
}

/** Deactivated people stay (earlier rounds counted them) but are invited to nothing new. */
export async function setActive(ctx: DomainContext, id: string, active: boolean): Promise<void> {
	const changed = await ctx.store.updateNetwork((d) => {
		const r = d.respondents.find((x) => x.id === id);
		if (!r) throw new RespondentNotFoundError(id);
		if (r.active === active) return false;
		r.active = active;
		return true;
	});
	if (changed) await audit.record(ctx, active ? 'respondent.activated' : 'respondent.deactivated', id);
	if (changed && active) await inviteJoinersAfterChange(ctx);
}
