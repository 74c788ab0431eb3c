/**
 * Sending a round's invitations over SMTP on loopback (a real smtp-server in this process): each
 * message is marked "sending", rendered, handed over and its result recorded, every step fsync'd.
 * No MAIL_RATE pause here, so the figure is what the outbox itself costs per message.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { JsonStore } from '$lib/server/store/json-store';
import { domainContext } from '$lib/server/context';
import { inviteMembers } from '$lib/server/invitations';
import { createWave, newWaveId } from '$lib/server/mail/outbox';
import { mailConfig } from '$lib/server/mail/config';
import { Sender } from '$lib/server/mail/sender';
import { startMailbox } from '$lib/server/mail/test-smtp';
import { networkSchema, partnerSchema, respondentSchema } from '$lib/model/network';
import { samenwerkingsscan } from '$lib/questionnaires';
import { everyone } from '$lib/model/round';
import type { Row } from './bench-table';

/** The demo's open round invites 559; a province hosting several regions may send ten times as many. */
export async function benchMail(): Promise<Row[]> {
	return [await sendAll(559), await sendAll(5000)];
}

async function sendAll(people: number): Promise<Row> {
	const dir = await mkdtemp(join(tmpdir(), 'am-bench-mail-'));
	const box = await startMailbox();
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	const now = new Date();
	await store.updateNetwork((d) => {
		d.network = networkSchema.parse({ id: 'bench', name: 'Bench' });
		d.partners = [partnerSchema.parse({ id: 'p', name: 'Partner', type: 'gemeente', helix: 'overheid' })];
		d.questionnaires = [samenwerkingsscan];
		d.respondents = Array.from({ length: people }, (_, i) =>
			respondentSchema.parse({
				id: `r-${i}`,
				name: `Persoon ${i}`,
				email: `p${i}@bench.invalid`,
				partnerId: 'p',
				role: 'ambtelijk'
			})
		);
		d.rounds = [
			{
				id: 'ronde',
				name: 'Ronde',
				questionnaireId: samenwerkingsscan.id,
				questionnaireVersion: samenwerkingsscan.version,
				selection: everyone(),
				status: 'open',
				opensAt: now.toISOString(),
				closesAt: new Date(now.getTime() + 30 * 864e5).toISOString(),
				createdAt: now.toISOString(),
				closedAt: null,
				minimisedAt: null
			}
		];
	});
	const ctx = domainContext(store, { id: 'u', email: 'beheer@bench.invalid', role: 'admin' });
	await inviteMembers(ctx, 'ronde');
	const config = mailConfig({ SMTP_URL: `smtp://127.0.0.1:${box.port}`, MAIL_FROM: 'monitor@bench.invalid' });
	if (config.state !== 'on') throw new Error('mail config');
	const sender = new Sender(domainContext(store, null), {
		config,
		origin: 'https://bench.invalid',
		log: () => undefined
	});
	await createWave(ctx, 'ronde', {
		kind: 'invitation',
		onlyNotStarted: false,
		scheduledAt: null,
		waveId: newWaveId(),
		seenLatest: ''
	});
	const latencies: number[] = [];
	const blocked = monitorEventLoopDelay({ resolution: 1 });
	blocked.enable();
	const started = performance.now();
	for (;;) {
		const t0 = performance.now();
		if ((await sender.step()) === 'idle') break;
		latencies.push(performance.now() - t0);
	}
	const seconds = (performance.now() - started) / 1000;
	blocked.disable();
	await sender.stop();
	const received = box.received.length;
	await store.close();
	await box.close();
	await rm(dir, { recursive: true, force: true });
	latencies.sort((a, b) => a - b);
	const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
	return {
		what: 'e-mail: uitnodigingen versturen (per bericht)',
		setup: `${people.toLocaleString('nl-NL')} genodigden, SMTP op loopback`,
		p50: pct(50),
		p95: pct(95),
		p99: pct(99),
		extra: `${received} ontvangen in ${seconds.toFixed(1)} s (${Math.round(received / seconds)}/s), event loop hooguit ${(blocked.max / 1e6).toFixed(0)} ms aaneen bezet`
	};
}
