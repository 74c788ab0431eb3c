import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from './store/json-store';
import { domainContext } from './context';
import * as network from './network';
import * as audit from './audit';
import { networkSettingsSchema } from '$lib/model/network';

let dir: string;
let store: JsonStore;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-network-'));
	store = await JsonStore.open({ dataDir: dir, log: () => undefined });
});
afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});
const ctx = () => domainContext(store, { id: 'u-1', email: 'beheer@regio.nl', role: 'admin' });

describe('network settings', () => {
	it('saves the settings, shows them on public pages, and logs k and the second factor with old and new value', async () => {
		const input = networkSettingsSchema.parse({
			name: 'Regio Zwolle',
			description: '',
			contactEmail: ' Regiobureau@RegioZwolle.nl ',
			senderName: 'Regiobureau',
			kAnonymity: '7',
			retentionMonths: '24',
			requireTotpForAdmins: true
		});
		await network.updateSettings(ctx(), input);
		expect(await network.publicInfo(ctx())).toEqual({
			name: 'Regio Zwolle',
			isDemo: false,
			contactEmail: 'regiobureau@regiozwolle.nl',
			k: 7,
			retentionMonths: 24
		});
		const log = await audit.list(ctx());
		expect(log.entries[0]).toMatchObject({ action: 'network.settings-changed', actor: { email: 'beheer@regio.nl' } });
		expect(log.entries[0].detail).toContain('k: 5 → 7');
		expect(log.entries[0].detail).toContain('tweede factor verplicht: false → true');
		// Unchanged settings write no log line.
		await network.updateSettings(ctx(), input);
		expect((await audit.list(ctx())).total).toBe(1);
	});

	it('refuses k below 3 and a bad contact address, with Dutch reasons', () => {
		const bad = networkSettingsSchema.safeParse({
			name: '',
			description: '',
			contactEmail: 'geen-adres',
			senderName: '',
			kAnonymity: '2',
			retentionMonths: '0',
			requireTotpForAdmins: false
		});
		expect(bad.success).toBe(false);
		const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		expect(messages).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^name: Vul de naam/),
				expect.stringMatching(/^contactEmail: Vul een geldig e-mailadres/),
				expect.stringMatching(/^kAnonymity: k is nooit kleiner dan 3/),
				expect.stringMatching(/^retentionMonths: Ten minste 1 maand/)
			])
		);
	});

	it('keeps the audit log across a restart, newest first', async () => {
		await audit.record(ctx(), 'test.first');
		await audit.record(ctx(), 'test.second', 'x', 'tweede');
		await store.close();
		store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		const log = await audit.list(ctx());
		expect(log.entries.map((e) => e.action)).toEqual(['test.second', 'test.first']);
		expect((await audit.list(ctx(), { offset: 1, limit: 1 })).entries[0].action).toBe('test.first');
	});
});
