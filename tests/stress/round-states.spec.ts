import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { JsonStore } from '$lib/server/store/json-store';
import { surveyToken } from '$lib/server/tokens';
import { linkKey } from '$lib/server/link-key';
import { fullAnswers, newDataDir, seed, startServer, type Server } from './harness';

/**
 * The survey link of a closed round and of a round that has not opened yet, served by the real
 * server: the demo throws those tokens away, so they are made here.
 */
describe('survey links of closed and not-yet-open rounds', () => {
	let dir: string;
	let server: Server;
	let closedToken: string;
	let futureToken: string;

	beforeAll(async () => {
		dir = await newDataDir('states');
		const data = await seed(dir, 2);
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		const respondentId = store.network().respondents[0].id;
		const opens = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
		await store.updateNetwork((d) => {
			const base = d.rounds.find((r) => r.id === data.closedRoundId)!;
			d.rounds.push({
				...base,
				id: 'voorjaar-2099',
				name: 'Voorjaar 2099',
				status: 'draft',
				opensAt: opens,
				closesAt: opens,
				closedAt: null
			});
		});
		const closed = surveyToken(linkKey(), data.closedRoundId, 'inv-laat');
		const future = surveyToken(linkKey(), 'voorjaar-2099', 'inv-vroeg');
		closedToken = closed.token;
		futureToken = future.token;
		const at = new Date().toISOString();
		await store.transactRound(data.closedRoundId, () => ({
			ops: [
				{
					t: 'invitation',
					v: {
						id: 'inv-laat',
						roundId: data.closedRoundId,
						respondentId,
						tokenHash: closed.tokenHash,
						createdAt: at,
						responseId: null,
						declinedAt: null
					}
				}
			],
			result: null
		}));
		await store.transactRound('voorjaar-2099', () => ({
			ops: [
				{
					t: 'invitation',
					v: {
						id: 'inv-vroeg',
						roundId: 'voorjaar-2099',
						respondentId,
						tokenHash: future.tokenHash,
						createdAt: at,
						responseId: null,
						declinedAt: null
					}
				}
			],
			result: null
		}));
		await store.close();
		server = await startServer(dir);
	});
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('answers 410 with a friendly Dutch page for a closed round, and refuses posts to it', async () => {
		const res = await fetch(`${server.url}/s/${closedToken}`);
		expect(res.status).toBe(410);
		const html = await res.text();
		expect(html).toContain('Deze meetronde is gesloten');
		expect(html).toMatch(/U kunt de vragenlijst niet meer invullen/);
		const post = await fetch(`${server.url}/s/${closedToken}?/submit`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams(fullAnswers()).toString()
		});
		expect(post.status).toBe(410);
	});

	it('says when a round that has not opened yet will open', async () => {
		const res = await fetch(`${server.url}/s/${futureToken}`);
		const html = await res.text();
		expect(res.status).toBe(403);
		expect(html).toContain('Deze vragenlijst is nog niet geopend');
		expect(html).toMatch(/opent op \w+dag \d+ \w+ \d{4} om \d{2}:\d{2} uur/);
	});
});
