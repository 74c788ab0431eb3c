import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from './store/json-store';
import { domainContext } from './context';
import { bodySchema, networkSchema, partnerSchema, respondentSchema, type Respondent } from '$lib/model/network';

/** A real JsonStore in a temp folder with two partners and two bodies, for the respondents specs. */
export const NOW = new Date('2026-11-15T10:00:00.000Z');

export async function openRespondentsFixture(now = NOW) {
	const dir = await mkdtemp(join(tmpdir(), 'am-respondents-'));
	let store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	await store.updateNetwork((d) => {
		d.network = networkSchema.parse({ id: 'regio-test', name: 'Regio Test' });
		d.partners = [
			partnerSchema.parse({
				id: 'zwolle',
				name: 'Gemeente Zwolle',
				type: 'gemeente',
				helix: 'overheid',
				isCentre: true
			}),
			partnerSchema.parse({ id: 'windesheim', name: 'Windesheim', type: 'onderwijs', helix: 'onderwijs' }),
			partnerSchema.parse({ id: 'oud', name: 'Oude Partner', type: 'overig', helix: 'maatschappij', archived: true })
		];
		d.bodies = [
			bodySchema.parse({ id: 'po-economie', name: 'PO Economie', kind: 'bestuurlijk' }),
			bodySchema.parse({ id: 'ao-economie', name: 'AO Economie', kind: 'ambtelijk' })
		];
	});
	const fx = {
		dir,
		get store() {
			return store;
		},
		ctx: (at = now) => domainContext(store, { id: 'u-1', email: 'beheer@regio.test', role: 'admin' }, () => at),
		async seed(people: Partial<Respondent>[]) {
			await store.updateNetwork((d) => {
				for (const [i, p] of people.entries())
					d.respondents.push(
						respondentSchema.parse({
							id: `seed-${d.respondents.length + i + 1}`,
							partnerId: 'zwolle',
							role: 'ambtelijk',
							...p
						})
					);
			});
		},
		async reopen() {
			await store.close();
			store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		},
		async close() {
			await store.close();
			await rm(dir, { recursive: true, force: true });
		}
	};
	return fx;
}
export type RespondentsFixture = Awaited<ReturnType<typeof openRespondentsFixture>>;
