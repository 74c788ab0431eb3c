import type { DomainContext } from './context';
import * as audit from './audit';
import { networkSchema, type NetworkSettings } from '$lib/model/network';

/** What public pages show of the network: its name, whom to contact, and the k rule. */
export type PublicNetworkInfo = {
	name: string;
	isDemo: boolean;
	contactEmail: string;
	k: number;
	/** Months after the last invitation that a person's name and e-mail are kept. */
	retentionMonths: number;
};

export async function publicInfo(ctx: DomainContext): Promise<PublicNetworkInfo> {
	const network = ctx.store.network().network;
	return {
		name: network?.name ?? 'Alliantiemonitor',
		isDemo: network?.isDemo ?? false,
		contactEmail: network?.contactEmail ?? '',
		k: network?.kAnonymity ?? networkSchema.shape.kAnonymity.parse(undefined),
		retentionMonths: network?.retentionMonths ?? networkSchema.shape.retentionMonths.parse(undefined)
	};
}

export async function settings(ctx: DomainContext): Promise<NetworkSettings & { isDemo: boolean }> {
	const n =
		ctx.store.network().network ?? networkSchema.parse({ id: 'samenwerkingsverband', name: 'Samenwerkingsverband' });
	return {
		name: n.name,
		description: n.description,
		contactEmail: n.contactEmail,
		senderName: n.senderName,
		kAnonymity: n.kAnonymity,
		retentionMonths: n.retentionMonths,
		requireTotpForAdmins: n.requireTotpForAdmins,
		isDemo: n.isDemo
	};
}

const settingLabels: Record<keyof NetworkSettings, string> = {
	name: 'naam',
	description: 'omschrijving',
	contactEmail: 'contactadres',
	senderName: 'afzender',
	kAnonymity: 'k',
	retentionMonths: 'bewaartermijn',
	requireTotpForAdmins: 'tweede factor verplicht'
};

/** Saves the settings; the audit log says what changed (k and the second factor with old and new value). */
export async function updateSettings(ctx: DomainContext, input: NetworkSettings): Promise<void> {
	const before = await settings(ctx);
	await ctx.store.updateNetwork((d) => {
		d.network = networkSchema.parse({ ...(d.network ?? { id: 'samenwerkingsverband' }), ...input });
	});
	const changed = (Object.keys(settingLabels) as (keyof NetworkSettings)[]).filter((k) => before[k] !== input[k]);
	if (changed.length === 0) return;
	const parts = changed.map((k) =>
		k === 'kAnonymity' || k === 'requireTotpForAdmins' || k === 'retentionMonths'
			? `${settingLabels[k]}: ${before[k]} → ${input[k]}`
			: settingLabels[k]
	);
	await audit.record(ctx, 'network.settings-changed', null, `Gewijzigd: ${parts.join(', ')}`);
}
