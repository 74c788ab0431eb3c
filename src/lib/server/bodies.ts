import type { DomainContext } from './context';
import * as audit from './audit';
import { attempt, Refusal, type Outcome } from './outcome';
import { references } from './references';
import { describeUsage, isUnused } from '$lib/model/partner-forms';
import { idFromName, nameKey } from './name-ids';
import type { Body } from '$lib/model/network';
import { bodyKindLabels, type BodyForm, type BodyListing } from '$lib/model/partner-forms';

/** Paths under /admin/gremia that are pages, not bodies. */
export const RESERVED_IDS = ['nieuw'];

export async function list(ctx: DomainContext): Promise<BodyListing[]> {
	const refs = await references(ctx);
	const bodies = ctx.store.network().bodies;
	const names = new Map(bodies.map((b) => [b.id, b.name]));
	return [...bodies]
		.sort((a, b) => a.name.localeCompare(b.name, 'nl'))
		.map((b) => {
			const usage = refs.usageOf('body', b.id);
			const counterpartName = b.counterpartId ? (names.get(b.counterpartId) ?? null) : null;
			return { ...b, counterpartName, usage, deletable: isUnused(usage) };
		});
}

export async function get(ctx: DomainContext, id: string): Promise<BodyListing | null> {
	return (await list(ctx)).find((b) => b.id === id) ?? null;
}

/**
 * Pairs `body` with `counterpartId` both ways (a bestuurlijk body and its ambtelijk
 * counterpart), undoing the pairings either had before. Null leaves `body` without one.
 */
function pair(bodies: Body[], body: Body, counterpartId: string | null) {
	const other = counterpartId === null ? null : bodies.find((b) => b.id === counterpartId);
	if (counterpartId !== null && !other) throw new Refusal({ counterpartId: 'Dit overleg bestaat niet (meer).' });
	if (other && other.id === body.id)
		throw new Refusal({ counterpartId: 'Een overleg is niet zijn eigen tegenhanger.' });
	if (other && other.kind === body.kind)
		throw new Refusal({
			counterpartId: `De tegenhanger van een ${body.kind} overleg is een ${body.kind === 'bestuurlijk' ? 'ambtelijk' : 'bestuurlijk'} overleg; ‘${other.name}’ is ook ${body.kind}.`
		});
	for (const b of bodies) {
		if (b.id === body.id || b.id === other?.id) continue;
		if (b.counterpartId === body.id || (other && b.counterpartId === other.id)) b.counterpartId = null;
	}
	body.counterpartId = other?.id ?? null;
	if (other) other.counterpartId = body.id;
}

function refuseDuplicateName(bodies: readonly Body[], name: string, exceptId: string | null) {
	const twin = bodies.find((b) => b.id !== exceptId && nameKey(b.name) === nameKey(name));
	if (twin) throw new Refusal({ name: `Er is al een overleg met de naam ‘${twin.name}’.` });
}

const counterpartText = (bodies: readonly Body[], id: string | null) =>
	id ? `‘${bodies.find((b) => b.id === id)?.name ?? id}’` : 'geen';

export async function create(ctx: DomainContext, input: BodyForm): Promise<Outcome<Body>> {
	return attempt(async () => {
		const { body, detail } = await ctx.store.updateNetwork((d) => {
			refuseDuplicateName(d.bodies, input.name, null);
			const taken = new Set(d.bodies.map((b) => b.id));
			const body: Body = {
				id: idFromName(input.name, taken, RESERVED_IDS),
				name: input.name,
				kind: input.kind,
				counterpartId: null
			};
			d.bodies.push(body);
			pair(d.bodies, body, input.counterpartId);
			const detail = `Overleg ‘${body.name}’ (${input.kind}) toegevoegd, tegenhanger: ${counterpartText(d.bodies, body.counterpartId)}`;
			return { body: { ...body }, detail };
		});
		await audit.record(ctx, 'body.created', body.id, detail);
		return body;
	});
}

/** Saves an edit; the id stays (respondents and responses refer to it). */
export async function update(ctx: DomainContext, id: string, input: BodyForm): Promise<Outcome<Body>> {
	return attempt(async () => {
		const { body, changes } = await ctx.store.updateNetwork((d) => {
			const body = d.bodies.find((b) => b.id === id);
			if (!body) throw new Refusal({ form: 'Dit overleg bestaat niet meer.' });
			refuseDuplicateName(d.bodies, input.name, id);
			const before = { ...body };
			body.name = input.name;
			body.kind = input.kind;
			pair(d.bodies, body, input.counterpartId);
			const changes: string[] = [];
			if (before.name !== body.name) changes.push(`naam: ${before.name} → ${body.name}`);
			if (before.kind !== body.kind)
				changes.push(
					`soort: ${bodyKindLabels[before.kind].toLowerCase()} → ${bodyKindLabels[body.kind].toLowerCase()}`
				);
			if (before.counterpartId !== body.counterpartId)
				changes.push(`tegenhanger: ${counterpartText(d.bodies, body.counterpartId)}`);
			return { body: { ...body }, changes };
		});
		if (changes.length > 0)
			await audit.record(ctx, 'body.updated', id, `Overleg ‘${body.name}’ gewijzigd: ${changes.join(', ')}`);
		return body;
	});
}

/**
 * Deletes a body nobody sits in and no response names. Bodies have no archive: one in use
 * stays, and the refusal says by how many.
 */
export async function remove(ctx: DomainContext, id: string): Promise<Outcome<Body>> {
	return attempt(async () => {
		const usage = (await references(ctx)).usageOf('body', id);
		if (!isUnused(usage))
			throw new Refusal({
				form: `Dit overleg kan niet worden verwijderd. In gebruik bij: ${describeUsage(usage)}. Haal het eerst bij de deelnemers weg; een overleg dat in ingevulde vragenlijsten staat, blijft bestaan.`
			});
		const body = await ctx.store.updateNetwork((d) => {
			const i = d.bodies.findIndex((b) => b.id === id);
			if (i < 0) throw new Refusal({ form: 'Dit overleg bestaat niet meer.' });
			if (d.respondents.some((r) => r.bodyIds.includes(id)))
				throw new Refusal({ form: 'Er zitten intussen deelnemers in dit overleg; het kan niet worden verwijderd.' });
			for (const b of d.bodies) if (b.counterpartId === id) b.counterpartId = null;
			return d.bodies.splice(i, 1)[0];
		});
		await audit.record(ctx, 'body.deleted', id, `Overleg ‘${body.name}’ verwijderd`);
		return body;
	});
}
