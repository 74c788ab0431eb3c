import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { domainContext } from '$lib/server/context';
import * as importer from '$lib/server/respondents-import';
import { buildDemo } from '$lib/server/demo/build';
import { writeDemo } from '$lib/server/demo/write';
import type { Row } from './bench-table';

/**
 * Importing 10,000 respondents into the demo network (559 people, of whom 500 are updated):
 * the preview (read, check every row) and the commit (check again, write network.json durably).
 * Peak memory is the process's maximum resident set, so run this part on its own for a clean
 * figure: `npm run bench import`.
 */
export async function benchImport(): Promise<Row[]> {
	const dir = await mkdtemp(join(tmpdir(), 'am-bench-import-'));
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	const demo = buildDemo({ now: new Date() });
	await writeDemo(store, demo);
	const partners = demo.partners;
	const bodies = demo.bodies;
	const existing = demo.respondents.slice(0, 500);
	const rows = Array.from({ length: 10_000 }, (_, i) => {
		const known = existing[i];
		const partner = partners[i % partners.length];
		const body = bodies[i % bodies.length];
		const email = known ? known.email : `persoon.${i}@bench.invalid`;
		return `Persoon ${i} van Achternaam;${email};${partner.name};${i % 3 ? 'ambtelijk' : 'Bestuurlijk'};${body.name}`;
	});
	const bytes = new TextEncoder().encode(['naam;e-mail;partner;rol;gremia', ...rows].join('\r\n') + '\r\n');
	const ctx = domainContext(store, { id: 'u-bench', email: 'bench@bench.invalid', role: 'admin' });

	const rssBefore = process.memoryUsage().rss;
	const t0 = performance.now();
	const preview = importer.preview(ctx, bytes);
	const t1 = performance.now();
	const result = await importer.commit(ctx, bytes, preview.plan);
	const t2 = performance.now();
	const peakRss = process.resourceUsage().maxRSS * 1024;
	await store.close();
	await rm(dir, { recursive: true, force: true });
	if (preview.counts.problems > 0) throw new Error(`bench-import: ${preview.counts.problems} regels met problemen`);
	const setup = `10.000 regels (${Math.round(bytes.length / 1024)} KB) in demo van 559`;
	const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
	return [
		{
			what: 'deelnemers importeren: voorbeeld',
			setup,
			p50: t1 - t0,
			extra: `${preview.counts.add} nieuw, ${preview.counts.update} bijgewerkt`
		},
		{
			what: 'deelnemers importeren: opslaan',
			setup,
			p50: t2 - t1,
			extra: `${result.added + result.updated} weggeschreven; RSS vooraf ${mb(rssBefore)}, piek ${mb(peakRss)}`
		}
	];
}
