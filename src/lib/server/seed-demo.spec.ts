import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from './store/json-store';
import { formatSeedResult, seedDemo, type SeedResult } from './seed-demo';

let dir: string;
let store: JsonStore;
let result: SeedResult;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-seed-'));
	store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	result = await seedDemo(store, new Date('2026-12-02T10:00:00Z'));
});
afterAll(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

describe('the links npm run demo prints', () => {
	it('come from different partners and roles, each with its partner and role on the line above', () => {
		const lines = formatSeedResult(result, 'http://localhost:3000', 8).split('\n');
		expect(lines.slice(0, 2).map((l) => l.split(':')[0])).toEqual(['E-mail', 'Wachtwoord']);
		const urls = lines.flatMap((l, i) => (/^http:\/\/localhost:3000\/s\/\S+$/.test(l) ? [i] : []));
		expect(urls).toHaveLength(8);
		const labels = urls.map((i) => lines[i - 1]);
		for (const label of labels) expect(label).toMatch(/^.+ · .+:$/);
		const partners = new Set(labels.map((l) => l.split(' · ')[0]));
		const roles = new Set(labels.map((l) => l.split(' · ')[1]));
		expect(partners.size).toBe(8);
		expect(roles.size).toBeGreaterThanOrEqual(3);
		// Every unanswered link is still there, once.
		expect(new Set(result.unanswered.map((l) => l.token)).size).toBe(result.unanswered.length);
	});
});
