/**
 * Works off the outbox in the background (issue 13), one message at a time: each message is
 * marked "sending" durably before it is handed to the SMTP server and its result is recorded
 * durably after, so a graceful stop (which waits for the message in flight) never sends one
 * twice, and after a `kill -9` only the one message that was in flight can go again (the log
 * says so). Messages are rendered here, at sending time, from the invitation and the link key:
 * the outbox itself holds no link.
 */
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

const MINUTE = 60_000;
/** After a temporary failure: try again after 1, 5, 15 and 60 minutes, then give up. */
export const RETRY_DELAYS_MS = [1, 5, 15, 60].map((m) => m * MINUTE);
const POLL_MS = 5_000;

export type SenderOptions = {
	config: Config;
	/** What links start with (ORIGIN). */
	origin: string;
	key?: Buffer;
	mailer?: Mailer;
	retryDelaysMs?: readonly number[];
	log?: (line: string) => void;
};

export type StepResult = 'idle' | 'sent' | 'refused' | 'retry' | 'failed' | 'skipped';

export class Sender {
	readonly #ctx: DomainContext;
	readonly #config: Config;
	readonly #origin: string;
	readonly #key: Buffer;
	readonly #mailer: Mailer;
	readonly #delays: readonly number[];
	readonly #log: (line: string) => void;
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
	}

	/**
	 * Messages still marked "sending" were in flight when the process died: whether the SMTP
	 * server took them is unknown, so they go again and may arrive twice. Run once at start.
	 */
	async recover(): Promise<number> {
		let count = 0;
		const at = this.#ctx.now().toISOString();
		for (const round of this.#ctx.store.network().rounds) {
			if (round.status !== 'open') continue;
			const inFlight = await this.#ctx.store.transactRound(round.id, (s) => {
				const stuck = [...s.outbox.values()].filter((m) => m.state === 'sending');
				return {
					ops: stuck.map((m) => ({
						t: 'message' as const,
						v: {
							...m,
							state: 'queued' as const,
							result: 'Was onderweg toen de server stopte; gaat opnieuw en kan twee keer aankomen.',
							updatedAt: at
						}
					})),
					result: stuck
				};
			});
			for (const m of inFlight)
				this.#log(
					`[e-mail] Een ${m.kind === 'invitation' ? 'uitnodiging' : 'herinnering'} aan ${m.to} (ronde ${round.id}) ` +
						'was onderweg toen de server stopte: hij gaat opnieuw en kan twee keer aankomen.'
				);
			count += inFlight.length;
		}
		return count;
	}

	/** The oldest queued message that is due, of any open round. */
	async #next(): Promise<{ roundId: string; message: OutboxMessage } | null> {
		const now = this.#ctx.now();
		for (const round of this.#ctx.store.network().rounds) {
			if (round.status !== 'open' || isRoundClosed(round, now)) continue;
			const s = await this.#ctx.store.round(round.id);
			for (const m of s?.outbox.values() ?? [])
				if (m.state === 'queued' && (m.nextAttemptAt === null || Date.parse(m.nextAttemptAt) <= now.getTime()))
					return { roundId: round.id, message: m };
		}
		return null;
	}

	/** Queues what became due, then sends one message. */
	async step(): Promise<StepResult> {
		const { store } = this.#ctx;
		await queueDue(this.#ctx);
		const next = await this.#next();
		if (!next) return 'idle';
		const { roundId } = next;
		const network = store.network();
		const round = network.rounds.find((r) => r.id === roundId)!;
		const at = this.#ctx.now().toISOString();
		const claim = await store.transactRound(roundId, (s) => {
			const m = s.outbox.get(next.message.id);
			if (!m || m.state !== 'queued') return { ops: [], result: null };
			const inv = s.invitations.get(m.invitationId);
			const person = inv && network.respondents.find((r) => r.id === inv.respondentId);
			const why = inv ? reasonNotToSend(s, inv, m.kind, person) : 'uitnodiging bestaat niet meer';
			if (why || !inv || !person) {
				const skipped: OutboxMessage = { ...m, state: 'skipped', result: why ?? '', updatedAt: at };
				return { ops: [{ t: 'message', v: skipped }], result: null };
			}
			const sending: OutboxMessage = {
				...m,
				state: 'sending',
				attempts: m.attempts + 1,
				to: person.email,
				updatedAt: at
			};
			return { ops: [{ t: 'message', v: sending }], result: { message: sending, inv, person } };
		});
		if (!claim) return 'skipped';
		const { message, inv, person } = claim;
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
		}
		return this.#record(roundId, message, outcome);
	}

	async #record(roundId: string, m: OutboxMessage, outcome: SendOutcome): Promise<StepResult> {
		const now = this.#ctx.now();
		const base = { ...m, updatedAt: now.toISOString() };
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
		await this.#ctx.store.transactRound(roundId, () => ({ ops: [{ t: 'message', v: next }], result: null }));
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
