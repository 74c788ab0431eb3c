import type { DomainContext } from './context';
import * as audit from './audit';
import { attempt, Refusal, type Outcome } from './outcome';
import { references } from './references';
import { describeUsage, isUnused } from '$lib/model/partner-forms';
import { idFromName, nameKey } from './name-ids';
import { helixLabels, partnerTypeLabels, type Partner } from '$lib/model/network';
import type { PartnerForm, PartnerListing } from '$lib/model/partner-forms';

/** Paths under /admin/partners that are pages, not partners. */
export const RESERVED_IDS = ['nieuw', 'import'];

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nl');

/** All partners, by name, with what refers to them; archived ones too (the page shows them apart). */
export async function list(ctx: DomainContext): Promise<PartnerListing[]> {
	const refs = await references(ctx);
	return [...ctx.store.network().partners].sort(byName).map((p) => {
		const usage = refs.usageOf('partner', p.id);
		return { ...p, usage, deletable: isUnused(usage) };
	});
}

export async function get(ctx: DomainContext, id: string): Promise<PartnerListing | null> {
	const p = ctx.store.network().partners.find((x) => x.id === id);
	if (!p) return null;
	const usage = (await references(ctx)).usageOf('partner', id);
	return { ...p, usage, deletable: isUnused(usage) };
}

function refuseDuplicateName(partners: readonly Partner[], name: string, exceptId: string | null) {
	const twin = partners.find((p) => p.id !== exceptId && nameKey(p.name) === nameKey(name));
	if (twin)
		throw new Refusal({
			name: `Er is al een partner met de naam ‘${twin.name}’${twin.archived ? ' (gearchiveerd)' : ''}. Namen zijn uniek: een import herkent partners aan hun naam.`
		});
}

export async function create(ctx: DomainContext, input: PartnerForm): Promise<Outcome<Partner>> {
	return attempt(async () => {
		const partner = await ctx.store.updateNetwork((d) => {
			refuseDuplicateName(d.partners, input.name, null);
			const taken = new Set(d.partners.map((p) => p.id));
			const p: Partner = { id: idFromName(input.name, taken, RESERVED_IDS), ...input, archived: false };
			d.partners.push(p);
			return p;
		});
		await audit.record(ctx, 'partner.created', partner.id, `Partner ‘${partner.name}’ toegevoegd`);
		return partner;
	});
}

/** What an edit changed, in Dutch; the contact person's details are named, never shown. */
export function describeChanges(before: Partner, after: PartnerForm): string[] {
	const out: string[] = [];
	if (before.name !== after.name) out.push(`naam: ${before.name} → ${after.name}`);
	if (before.type !== after.type)
		out.push(`type: ${partnerTypeLabels[before.type]} → ${partnerTypeLabels[after.type]}`);
	if (before.helix !== after.helix) out.push(`helix: ${helixLabels[before.helix]} → ${helixLabels[after.helix]}`);
	if (before.isCentre !== after.isCentre) out.push(`centrumgemeente: ${after.isCentre ? 'ja' : 'nee'}`);
	if (before.contactName !== after.contactName) out.push('contactpersoon');
	if (before.contactEmail !== after.contactEmail) out.push('e-mailadres contactpersoon');
	return out;
}

/** Saves an edit. The id stays what it was: rounds and responses refer to it. */
export async function update(ctx: DomainContext, id: string, input: PartnerForm): Promise<Outcome<Partner>> {
	return attempt(async () => {
		const { partner, changes } = await ctx.store.updateNetwork((d) => {
			const i = d.partners.findIndex((p) => p.id === id);
			if (i < 0) throw new Refusal({ form: 'Deze partner bestaat niet meer.' });
			refuseDuplicateName(d.partners, input.name, id);
			const changes = describeChanges(d.partners[i], input);
			d.partners[i] = { ...d.partners[i], ...input };
			return { partner: d.partners[i], changes };
		});
		if (changes.length > 0)
			await audit.record(ctx, 'partner.updated', id, `Partner ‘${partner.name}’ gewijzigd: ${changes.join(', ')}`);
		return partner;
	});
}

async function setArchived(ctx: DomainContext, id: string, archived: boolean): Promise<Outcome<Partner>> {
	return attempt(async () => {
		const { partner, changed } = await ctx.store.updateNetwork((d) => {
			const p = d.partners.find((x) => x.id === id);
			if (!p) throw new Refusal({ form: 'Deze partner bestaat niet meer.' });
			const changed = p.archived !== archived;
			p.archived = archived;
			return { partner: { ...p }, changed };
		});
		if (changed)
			await audit.record(
				ctx,
				archived ? 'partner.archived' : 'partner.restored',
				id,
				`Partner ‘${partner.name}’ ${archived ? 'gearchiveerd' : 'teruggezet uit het archief'}`
			);
		return partner;
	});
}

/** Archived partners keep their history but are offered nowhere new. */
export const archive = (ctx: DomainContext, id: string) => setArchived(ctx, id, true);
export const restore = (ctx: DomainContext, id: string) => setArchived(ctx, id, false);

/**
 * Deletes a partner nobody refers to (one added by mistake). A partner with respondents or
 * responses is refused: archive it instead, so earlier rounds keep their meaning.
 */
export async function remove(ctx: DomainContext, id: string): Promise<Outcome<Partner>> {
	return attempt(async () => {
		const usage = (await references(ctx)).usageOf('partner', id);
		if (!isUnused(usage))
			throw new Refusal({
				form: `Deze partner kan niet worden verwijderd. In gebruik bij: ${describeUsage(usage)}. Archiveer de partner in plaats daarvan.`
			});
		const partner = await ctx.store.updateNetwork((d) => {
			const i = d.partners.findIndex((p) => p.id === id);
			if (i < 0) throw new Refusal({ form: 'Deze partner bestaat niet meer.' });
			// Checked again inside the write: a respondent may have been added meanwhile.
			if (d.respondents.some((r) => r.partnerId === id))
				throw new Refusal({ form: 'Deze partner heeft intussen deelnemers. Archiveer de partner in plaats daarvan.' });
			return d.partners.splice(i, 1)[0];
		});
		await audit.record(ctx, 'partner.deleted', id, `Partner ‘${partner.name}’ verwijderd`);
		return partner;
	});
}
