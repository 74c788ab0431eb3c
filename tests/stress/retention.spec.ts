import { afterAll, describe, expect, it } from 'vitest';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { respondentSchema } from '$lib/model/network';
import { newDataDir, seed, startServer } from './harness';

describe('the retention period is kept by the server itself', () => {
	let dir: string;
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('erases at start the people not invited for longer than the period, and logs how many', async () => {
		dir = await newDataDir('retention');
		await seed(dir, 2);
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		const partnerId = store.network().partners[0].id;
		const longAgo = new Date(Date.now() - 3 * 365 * 86_400_000).toISOString();
		await store.updateNetwork((d) => {
			d.network = { ...d.network!, isDemo: false, retentionMonths: 24 };
			d.respondents.push(
				respondentSchema.parse({
					id: 'd-oud',
					partnerId,
					name: 'Vergeten Persoon',
					email: 'vergeten@regio.test',
					role: 'ambtelijk',
					createdAt: longAgo
				}),
				respondentSchema.parse({
					id: 'd-nieuw',
					partnerId,
					name: 'Recente Persoon',
					email: 'recent@regio.test',
					role: 'ambtelijk',
					createdAt: new Date().toISOString()
				})
			);
		});
		await store.close();

		const server = await startServer(dir);
		try {
			const deadline = Date.now() + 10_000;
			let network = '';
			// The job writes the network file, then its audit line, then the log line: wait for all three.
			while (Date.now() < deadline) {
				network = await readFile(join(dir, 'network.json'), 'utf8');
				if (!network.includes('Vergeten Persoon') && /\[bewaartermijn\]/.test(server.output())) break;
				await new Promise((r) => setTimeout(r, 50));
			}
			expect(network).not.toContain('Vergeten Persoon');
			expect(network).toContain('Recente Persoon');
			expect(await readFile(join(dir, 'audit.log'), 'utf8')).toMatch(
				/respondents\.retention-erased.*"actor":null|"actor":null.*respondents\.retention-erased/
			);
			expect(server.output()).toMatch(/\[bewaartermijn\] \d+ deelnemer\(s\) gewist/);
		} finally {
			await server.stop();
		}
	});
});
