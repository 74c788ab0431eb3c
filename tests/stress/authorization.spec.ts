import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { OWN_ACCOUNT_ACTIONS } from '$lib/server/guard';
import { login, newDataDir, seed, startServer, type Server } from './harness';

type Seeded = Awaited<ReturnType<typeof seed>>;
type Target = { route: string; method: string; action: string | null; file: string };

const ROUTES = join(process.cwd(), 'src', 'routes');
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Every action and every writing endpoint under /admin, read from the route modules themselves
 * (the names their `actions` export and the methods their +server.ts exports): a route or
 * action added later is walked without anyone remembering to add it here.
 */
async function writeTargets(): Promise<Target[]> {
	const out: Target[] = [];
	const walk = async (dir: string) => {
		for (const name of readdirSync(dir).sort()) {
			const full = join(dir, name);
			if (statSync(full).isDirectory()) {
				await walk(full);
				continue;
			}
			const route = '/' + relative(ROUTES, dir).split(sep).join('/');
			if (name === '+page.server.ts') {
				const mod = await import(/* @vite-ignore */ pathToFileURL(full).href);
				for (const action of Object.keys(mod.actions ?? {})) out.push({ route, method: 'POST', action, file: full });
			} else if (name === '+server.ts') {
				const mod = await import(/* @vite-ignore */ pathToFileURL(full).href);
				for (const method of WRITE_METHODS) if (method in mod) out.push({ route, method, action: null, file: full });
			}
		}
	};
	await walk(join(ROUTES, 'admin'));
	return out;
}

/**
 * A route id as a URL: [id] names a real round and [partnerId] a partner the demo publishes in it
 * (Zwolle, its largest), so that a page would find its record.
 */
const urlOf = (route: string, roundId: string) =>
	route
		.replace(/\[id\]/g, roundId)
		.replace(/\[partnerId\]/g, 'zwolle')
		.replace(/\[\.\.\.[^\]]+\]/g, 'x')
		.replace(/\[[^\]]+\]/g, 'x');

const exempt = (t: Target) => t.action !== null && (OWN_ACCOUNT_ACTIONS[t.route] ?? []).includes(t.action);

describe('authorization: a viewer changes nothing in the admin area', () => {
	let dir: string;
	let server: Server;
	let data: Seeded;
	let viewer: string;
	let targets: Target[];

	beforeAll(async () => {
		dir = await newDataDir('authz');
		data = await seed(dir, 5);
		server = await startServer(dir);
		viewer = await login(server.url, data.viewer.email, data.viewer.password);
		targets = await writeTargets();
	});
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('finds the admin area’s actions from the route tree, and every exemption names an action that exists', () => {
		// The back-office's own pages must be among them, or the walk itself is broken.
		for (const route of [
			'/admin/partners/[id]',
			'/admin/deelnemers/import',
			'/admin/rounds/import',
			'/admin/gebruikers',
			'/admin/account',
			'/admin/rounds/[id]/e-mail'
		])
			expect(
				targets.some((t) => t.route === route),
				route
			).toBe(true);
		for (const [route, actions] of Object.entries(OWN_ACCOUNT_ACTIONS))
			for (const action of actions)
				expect(
					targets.some((t) => t.route === route && t.action === action),
					`${route}?/${action} is vrijgesteld maar bestaat niet`
				).toBe(true);
	});

	it('answers 403 to a viewer’s post of every action and every writing endpoint, before reading its input', async () => {
		const refused: string[] = [];
		for (const t of targets.filter((x) => !exempt(x))) {
			const path = urlOf(t.route, data.closedRoundId) + (t.action && t.action !== 'default' ? `?/${t.action}` : '');
			// A body that no action could accept: a 400 here would mean the input was read first.
			const res = await fetch(server.url + path, {
				method: t.method,
				redirect: 'manual',
				headers: {
					cookie: viewer,
					'content-type': 'application/x-www-form-urlencoded',
					'sec-fetch-site': 'same-origin',
					accept: 'text/html'
				},
				body: '%%%=%%%'
			});
			await res.arrayBuffer();
			expect(res.status, `${t.method} ${path} (${relative(process.cwd(), t.file)})`).toBe(403);
			refused.push(`${t.method} ${path}`);
		}
		console.log(`autorisatie: ${refused.length} acties en endpoints geweigerd voor een kijker`);
	});

	it('lets a viewer reach the own-account actions (not 403), and only those', async () => {
		for (const t of targets.filter(exempt)) {
			const path = `${urlOf(t.route, data.closedRoundId)}?/${t.action}`;
			const res = await fetch(server.url + path, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie: viewer,
					'content-type': 'application/x-www-form-urlencoded',
					'sec-fetch-site': 'same-origin',
					accept: 'text/html'
				},
				body: ''
			});
			await res.arrayBuffer();
			expect(res.status, path).not.toBe(403);
			expect(res.status, path).toBeLessThan(500);
		}
	});

	it('sends a visitor without a session to the login for every admin page, and answers 401 to their posts', async () => {
		const pages: { route: string; adminOnly: boolean }[] = [];
		const walk = (d: string) => {
			for (const name of readdirSync(d)) {
				const full = join(d, name);
				if (statSync(full).isDirectory()) walk(full);
				else if (name === '+page.svelte') {
					const server = join(d, '+page.server.ts');
					const load = existsSync(server)
						? (/export const load[\s\S]*?(?=\nexport |$)/.exec(readFileSync(server, 'utf8'))?.[0] ?? '')
						: '';
					// A page whose load asks for the admin's context holds personal data: closed to viewers.
					pages.push({ route: '/' + relative(ROUTES, d).split(sep).join('/'), adminOnly: /adminContext\(/.test(load) });
				}
			}
		};
		walk(join(ROUTES, 'admin'));
		expect(pages.filter((p) => p.adminOnly).map((p) => p.route)).toEqual(
			expect.arrayContaining([
				'/admin/gebruikers',
				'/admin/deelnemers',
				'/admin/partners',
				'/admin/logboek',
				'/admin/rounds/import'
			])
		);
		for (const { route, adminOnly } of pages) {
			const path = urlOf(route, data.closedRoundId);
			const anon = await fetch(server.url + path, { redirect: 'manual' });
			expect(anon.status, path).toBe(303);
			expect(anon.headers.get('location'), path).toMatch(/^\/login\?next=/);
			const post = await fetch(server.url + path, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
				body: 'x=1'
			});
			expect(post.status, path).toBe(401);
			const seen = await fetch(server.url + path, { headers: { cookie: viewer }, redirect: 'manual' });
			// Dashboards are for viewers; the back-office (personal data) is for admins only.
			expect(adminOnly ? [403] : [200, 303], path).toContain(seen.status);
		}
	});
	it('answers 403 to a viewer’s download of every admin-only file, and serves the results downloads', async () => {
		// Read from the route tree like the writes above: a download added later is walked too.
		const downloads: { route: string; adminOnly: boolean }[] = [];
		const walk = (d: string) => {
			for (const name of readdirSync(d)) {
				const full = join(d, name);
				if (statSync(full).isDirectory()) walk(full);
				else if (name === '+server.ts') {
					const get = /export const GET[\s\S]*?(?=\nexport |$)/.exec(readFileSync(full, 'utf8'))?.[0];
					if (get)
						downloads.push({
							route: '/' + relative(ROUTES, d).split(sep).join('/'),
							adminOnly: /adminContext\(/.test(get)
						});
				}
			}
		};
		walk(join(ROUTES, 'admin'));
		expect(downloads.filter((d) => d.adminOnly).map((d) => d.route)).toEqual(
			expect.arrayContaining([
				'/admin/rounds/[id]/export/antwoorden.csv',
				'/admin/rounds/[id]/export/antwoorden.xlsx',
				'/admin/rounds/[id]/export/toelichtingen.csv',
				'/admin/rounds/[id]/export/ronde.json'
			])
		);
		for (const { route, adminOnly } of downloads) {
			const path = urlOf(route, data.closedRoundId);
			const seen = await fetch(server.url + path, { headers: { cookie: viewer }, redirect: 'manual' });
			await seen.arrayBuffer();
			if (adminOnly) expect(seen.status, path).toBe(403);
			else expect(seen.status, path).not.toBe(403);
		}
	});
});
