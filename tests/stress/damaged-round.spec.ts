import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { login, newDataDir, seed, startServer, type Server } from './harness';

type RoundRef = { id: string; name: string; status: string; opensAt: string };

/**
 * An old closed round's snapshot is cut off (a bad restore, a disk error) and has no usable
 * .bak. Only that round is unavailable: the list, the other dashboards and their trends stay up.
 */
describe('one damaged old round', () => {
	let dir: string;
	let server: Server;
	let cookie: string;
	let damaged: RoundRef;
	let others: RoundRef[];

	const get = async (path: string) => {
		const res = await fetch(server.url + path, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
		return { status: res.status, body: await res.text() };
	};

	beforeAll(async () => {
		dir = await newDataDir('damaged');
		const data = await seed(dir, 5);
		const rounds: RoundRef[] = JSON.parse(await readFile(join(dir, 'network.json'), 'utf8')).rounds;
		expect(rounds.filter((r) => r.status === 'closed').length).toBeGreaterThan(1);
		damaged = rounds.find((r) => r.id === data.closedRoundId)!;
		others = rounds.filter((r) => r !== damaged);
		// The damaged round is older than the others, so it is a trend point on their dashboards.
		for (const r of others) expect(r.opensAt > damaged.opensAt).toBe(true);
		// Its published set is made at the first start; then both of its files are damaged: the
		// round file (the list reads its participation) and the published set (the dashboards).
		expect(await (await startServer(dir)).stop()).toBe(0);
		for (const name of [`${damaged.id}.json`, `${damaged.id}.published.json`]) {
			const file = join(dir, 'rounds', name);
			await writeFile(file, (await readFile(file, 'utf8')).slice(0, 400));
			await rm(`${file}.bak`, { force: true });
		}
		server = await startServer(dir);
		cookie = await login(server.url, data.admin.email, data.admin.password);
	});
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('lists the round on /admin as damaged, naming its file, next to the working rounds', async () => {
		const { status, body } = await get('/admin');
		expect(status).toBe(200);
		expect(body).toContain(`rounds/${damaged.id}.json`);
		expect(body).toMatch(/niet te lezen/);
		for (const r of others) expect(body).toContain(`/admin/rounds/${r.id}`);
		expect(body).not.toContain('Opslaan lukte niet');
	});

	it("keeps the other rounds' dashboards, report and agenda up, noting the missing trend point", async () => {
		for (const r of others)
			for (const page of ['', '/rapport', '/agenda']) {
				const { status, body } = await get(`/admin/rounds/${r.id}${page}`);
				expect(status, `${r.id}${page}`).toBe(200);
				expect(body).toContain(`Meetronde “${damaged.name}” ontbreekt in de ontwikkeling`);
				expect(body).toContain(`rounds/${damaged.id}.published.json kon niet worden gelezen`);
			}
	});

	it("answers the damaged round's own dashboard with a read error that names the file", async () => {
		for (const page of ['', '/rapport']) {
			const { status, body } = await get(`/admin/rounds/${damaged.id}${page}`);
			expect(status).toBe(500);
			expect(body).toContain('Lezen lukte niet');
			expect(body).toContain(`(rounds/${damaged.id}.published.json) kon niet worden gelezen`);
			expect(body).not.toContain('Opslaan lukte niet');
		}
	});
});
