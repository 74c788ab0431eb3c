/**
 * Works off the outbox in the background (issue 13), one message at a time: each message is
 * claimed durably ("sending", with this sender's id and a lease) before it is handed to the SMTP
 * server and its result is recorded durably after, so a graceful stop (which waits for the
 * message in flight) never sends one twice. Messages are rendered here, at sending time, from
 * the invitation and the link key: the outbox itself holds no link.
 *
 * Several instances may send from one database (issue 16). Claim, lease and result change the
 * message alone (Store.updateMessages; in PostgreSQL its row, taken FOR UPDATE SKIP LOCKED), so
 * only one sender ever claims a message and senders wait neither for each other nor for the
 * round's submissions; the others skip a message while its lease holds. The claimant extends the
 * lease while the SMTP server has the message, so only a sender that stopped (kill -9, a lost
 * machine) lets it run out; then the next sender takes the message again, and that one may
 * arrive twice (the log says so). A sender records a result only while its claim is still its own.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DomainContext } from '../context';
import { linkKey } from '../link-key';
import { surveyToken } from '../tokens';
import { isRoundClosed } from '../survey/access';
import type { Config, Mailer, SendOutcome } from './transport';
import { createMailer } from './transport';
import { renderFor } from './render';
import { queueDue, reasonNotToSend } from './outbox';
import { onWake } from './wake';
import type { OutboxMessage } from '$lib/model/outbox';
import type { Invitation } from '$lib/model/round';
import type { Respondent } from '$lib/model/network';

const MINUTE = 60_000;
/** After a temporary failure: try again after 1, 5, 15 and 60 minutes, then give up. */
export const RETRY_DELAYS_MS = [1, 5, 15, 60].map((m) => m * MINUTE);
const POLL_MS = 5_000;

export type SenderOptions = {
	config: Config;
	/** How long a claim holds without being extended; default the config's MAIL_LEASE_SECONDS. */
	leaseMs?: number;
	/** What links start with (ORIGIN). */
	origin: string;
	key?: Buffer;
	mailer?: Mailer;
	retryDelaysMs?: readonly number[];
	log?: (line: string) => void;
};

type Claim = { roundId: string; message: OutboxMessage; inv: Invitation; person: Respondent };

export type StepResult = 'idle' | 'sent' | 'refused' | 'retry' | 'failed' | 'skipped';

export class Sender {
	readonly #ctx: DomainContext;
	readonly #config: Config;
	readonly #origin: string;
	readonly #key: Buffer;
	readonly #mailer: Mailer;
	readonly #delays: readonly number[];
	readonly #log: (line: string) => void;
	readonly #leaseMs: number;
	/** Names this sender in the claims it makes: host, process and a random part. */
	readonly id = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
	#stopping = false;
	#running: Promise<void> | null = null;
	#wake: (() => void) | null = null;

	constructor(ctx: DomainContext, options: SenderOptions) {
		this.#ctx = ctx;
		this.#config = options.config;
		this.#origin = options.origin.replace(/\/+$/, '');
		this.#key = options.key ?? linkKey();
		this.#mailer = options.mailer ?? createMailer(options.config);
		this.#delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
		this.#log = options.log ?? ((line) => console.log(line));
		this.#leaseMs = options.leaseMs ?? options.config.leaseSeconds * 1000;
	}

	#logAgain(m: OutboxMessage, roundId: string) {
		this.#log(
			`[e-mail] Een ${m.kind === 'invitation' ? 'uitnodiging' : 'herinnering'} aan ${m.to} (ronde ${roundId}) ` +
				`was onderweg toen de server stopte${m.claimedBy ? ` (${m.claimedBy})` : ''}: hij gaat opnieuw en kan twee keer aankomen.`
		);
	}

	/**
	 * Run once at start. Messages still marked "sending" by a sender that is gone were in flight
	 * when it died: whether the SMTP server took them is unknown, so they go again and may arrive
	 * twice. With the data to itself (the JSON store) every such message is abandoned; on a shared
	 * database only those whose lease ran out, as the others are being sent by a living instance
	 * (the rest are taken by `step` once their lease runs out).
	 */
	async recover(): Promise<number> {
		let count = 0;
		const now = this.#ctx.now();
		const at = now.toISOString();
		const expiredAt = this.#ctx.store.shared ? now : null;
		for (const round of this.#ctx.store.network().rounds) {
			if (round.status !== 'open') continue;
			const inFlight = await this.#ctx.store.updateMessages(round.id, { sendingExpiredAt: expiredAt }, (m) => ({
				next: {
					...m,
					state: 'queued',
					claimedBy: null,
					leaseUntil: null,
					result: 'Was onderweg toen de server stopte; gaat opnieuw en kan twee keer aankomen.',
					updatedAt: at
				},
				result: m
			}));
			for (const m of inFlight) this.#logAgain(m, round.id);
			count += inFlight.length;
		}
		return count;
	}

	/** Whether the round's message `m` still carries this sender's claim of that attempt. */
	#stillMine(current: OutboxMessage | undefined, m: OutboxMessage): current is OutboxMessage {
		return current?.state === 'sending' && current.claimedBy === this.id && current.attempts === m.attempts;
	}

	/** Extends the claim while the SMTP server has the message; stops when it is no longer ours. */
	#keepClaim(roundId: string, m: OutboxMessage): () => Promise<void> {
		let renewing: Promise<unknown> = Promise.resolve();
		const timer = setInterval(() => {
			renewing = renewing.then(() =>
				this.#ctx.store
					.updateMessages(roundId, { id: m.id }, (current) => ({
						next: this.#stillMine(current, m)
							? { ...current, leaseUntil: new Date(this.#ctx.now().getTime() + this.#leaseMs).toISOString() }
							: null,
						result: null
					}))
					.catch((e) => this.#log(`[e-mail] verlengen van de claim op een bericht mislukte: ${(e as Error).message}`))
			);
		}, this.#leaseMs / 3);
		return async () => {
			clearInterval(timer);
			await renewing;
		};
	}

	/**
	 * Claims the oldest message any open round may send now, or marks it skipped when it should
	 * not go (any more). Null when there is nothing to send; 'skipped' when it skipped one.
	 */
	async #claim(): Promise<Claim | null | 'skipped'> {
		const { store } = this.#ctx;
		const now = this.#ctx.now();
		const at = now.toISOString();
		for (const round of store.network().rounds) {
			if (round.status !== 'open' || isRoundClosed(round, now)) continue;
			const network = store.network();
			const [claim] = await store.updateMessages<Claim | 'skipped'>(round.id, { claimableAt: now }, (m, s) => {
				if (m.state === 'sending') this.#logAgain(m, round.id);
				const inv = s.invitations.get(m.invitationId);
				const person = inv && network.respondents.find((r) => r.id === inv.respondentId);
				const why = inv ? reasonNotToSend(s, inv, m.kind, person) : 'uitnodiging bestaat niet meer';
				if (why || !inv || !person) {
					const skipped: OutboxMessage = {
						...m,
						state: 'skipped',
						claimedBy: null,
						leaseUntil: null,
						result: why ?? '',
						updatedAt: at
					};
					return { next: skipped, result: 'skipped' as const };
				}
				const sending: OutboxMessage = {
					...m,
					state: 'sending',
					attempts: m.attempts + 1,
					to: person.email,
					claimedBy: this.id,
					leaseUntil: new Date(now.getTime() + this.#leaseMs).toISOString(),
					updatedAt: at
				};
				return { next: sending, result: { roundId: round.id, message: sending, inv, person } };
			});
			if (claim) return claim;
		}
		return null;
	}

	/** Queues what became due, then sends one message. */
	async step(): Promise<StepResult> {
		await queueDue(this.#ctx);
		const claim = await this.#claim();
		if (claim === null) return 'idle';
		if (claim === 'skipped') return 'skipped';
		const { roundId, message, inv, person } = claim;
		const network = this.#ctx.store.network();
		const round = network.rounds.find((r) => r.id === roundId)!;
		const release = this.#keepClaim(roundId, message);
		let outcome: SendOutcome;
		try {
			const { token } = surveyToken(this.#key, roundId, inv.id);
			const survey = `${this.#origin}/s/${token}`;
			const rendered = renderFor(network, round, message.kind, person, { survey, decline: `${survey}/niet-meedoen` });
			const settings = network.network;
			outcome = await this.#mailer.send({
				to: person.email,
				subject: rendered.subject,
				text: rendered.text,
				html: rendered.html,
				headers: rendered.headers,
				fromName: settings?.senderName || settings?.name
			});
		} catch (e) {
			// Never left "sending": that would send it again after the next restart.
			outcome = { kind: 'failed', error: (e as Error).message ?? String(e) };
		} finally {
			await release();
		}
		return this.#record(roundId, message, outcome);
	}

	async #record(roundId: string, m: OutboxMessage, outcome: SendOutcome): Promise<StepResult> {
		const now = this.#ctx.now();
		const base = { ...m, claimedBy: null, leaseUntil: null, updatedAt: now.toISOString() };
		let next: OutboxMessage;
		let result: StepResult;
		if (outcome.kind === 'sent') {
			next = { ...base, state: 'sent', nextAttemptAt: null, result: outcome.response.slice(0, 1000) };
			result = 'sent';
		} else if (outcome.kind === 'refused') {
			next = { ...base, state: 'refused', nextAttemptAt: null, result: outcome.error.slice(0, 1000) };
			result = 'refused';
			this.#log(`[e-mail] geweigerd: ${m.to} (ronde ${roundId}): ${outcome.error}`);
		} else if (m.attempts <= this.#delays.length) {
			const delay = this.#delays[m.attempts - 1];
			next = {
				...base,
				state: 'queued',
				nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
				result: `Poging ${m.attempts} mislukt: ${outcome.error}`.slice(0, 1000)
			};
			result = 'retry';
		} else {
			next = { ...base, state: 'failed', nextAttemptAt: null, result: outcome.error.slice(0, 1000) };
			result = 'failed';
			this.#log(`[e-mail] mislukt na ${m.attempts} pogingen: ${m.to} (ronde ${roundId}): ${outcome.error}`);
		}
		// Only onto this sender's own claim: after closing the message is gone (it must not come
		// back), and a claim that ran out may be another sender's by now.
		const [taken = false] = await this.#ctx.store.updateMessages(roundId, { id: m.id }, (current) =>
			this.#stillMine(current, m) ? { next, result: false } : { next: null, result: true }
		);
		if (taken)
			this.#log(
				`[e-mail] de claim op het bericht aan ${m.to} (ronde ${roundId}) was verlopen voordat de uitkomst ` +
					`(${result}) werd vastgelegd; een andere server heeft het overgenomen en het kan twee keer aankomen.`
			);
		return result;
	}

	/** Runs until `stop`: a message at a time, no faster than MAIL_RATE, polling when idle. */
	start(): void {
		if (this.#running) return;
		onWake(() => this.#wake?.());
		this.#running = this.#loop();
	}

	async #loop() {
		try {
			await this.recover();
		} catch (e) {
			this.#log(`[e-mail] herstel na een onderbroken verzending mislukte: ${(e as Error).message}`);
		}
		const interval = MINUTE / this.#config.perMinute;
		while (!this.#stopping) {
			let result: StepResult | 'error';
			try {
				result = await this.step();
			} catch (e) {
				this.#log(`[e-mail] verzenden mislukte; over ${POLL_MS / 1000} s opnieuw: ${(e as Error).message}`);
				result = 'error';
			}
			if (this.#stopping) break;
			if (result === 'skipped') continue;
			// A temporary failure is usually the server's, not the message's: pause the whole queue.
			const wait = result === 'idle' || result === 'error' ? POLL_MS : result === 'retry' ? this.#delays[0] : interval;
			await this.#sleep(wait, result === 'idle');
		}
	}

	#sleep(ms: number, wakeable: boolean): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(done, ms);
			function done() {
				clearTimeout(timer);
				resolve();
			}
			this.#wake = wakeable ? done : null;
			this.#stopWait = done;
		});
	}

	#stopWait: (() => void) | null = null;

	/** Waits for the message in flight (its result is recorded), then stops. */
	async stop(): Promise<void> {
		this.#stopping = true;
		this.#stopWait?.();
		onWake(null);
		await this.#running;
		this.#mailer.close();
	}
}
