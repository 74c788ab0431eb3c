import type { Invitation } from '$lib/model/round';
import type { ClosedResponse, SurveyResponse } from '$lib/model/response';
import { emptyTotals, type OutboxMessage, type Wave } from '$lib/model/outbox';
import type { RoundFile, RoundOp } from './files';
import { SCHEMA_VERSION } from '$lib/model/ids';

/** One round's invitations and responses in memory, indexed for the survey's lookups. */
export class RoundState {
	readonly roundId: string;
	readonly invitations = new Map<string, Invitation>();
	readonly responses = new Map<string, SurveyResponse>();
	/** A closed round's responses, as closing minimised them; empty while the round is open. */
	closedResponses: readonly ClosedResponse[] = [];
	/** The e-mail outbox (model/outbox.ts), in the order the waves were made. */
	readonly waves = new Map<string, Wave>();
	readonly outbox = new Map<string, OutboxMessage>();
	readonly #byTokenHash = new Map<string, Invitation>();

	constructor(roundId: string, file?: RoundFile | null) {
		this.roundId = roundId;
		for (const inv of file?.invitations ?? []) this.#putInvitation(inv);
		for (const r of file?.responses ?? []) this.responses.set(r.id, r);
		this.closedResponses = file?.closedResponses ?? [];
		for (const w of file?.waves ?? []) this.waves.set(w.id, w);
		for (const m of file?.outbox ?? []) this.outbox.set(m.id, m);
	}

	invitationByTokenHash(hash: string): Invitation | undefined {
		return this.#byTokenHash.get(hash);
	}

	apply(op: RoundOp): void {
		switch (op.t) {
			case 'invitation':
				this.#putInvitation(op.v);
				break;
			case 'response':
				this.responses.set(op.v.id, op.v);
				break;
			case 'delete-response':
				this.responses.delete(op.id);
				break;
			case 'delete-invitation': {
				const inv = this.invitations.get(op.id);
				if (inv) {
					this.invitations.delete(op.id);
					this.#byTokenHash.delete(inv.tokenHash);
				}
				// An erased person's messages go too: they hold the address.
				for (const m of this.outbox.values()) if (m.invitationId === op.id) this.outbox.delete(m.id);
				break;
			}
			case 'cut-links':
				for (const inv of this.invitations.values())
					if (inv.responseId !== null || inv.declinedAt !== null)
						this.#putInvitation({ ...inv, responseId: null, declinedAt: null });
				this.#foldOutbox();
				break;
			case 'wave':
				this.waves.set(op.v.id, op.v);
				break;
			case 'message':
				this.outbox.set(op.v.id, op.v);
				break;
			case 'drop-comments':
				for (const r of this.responses.values())
					if (Object.keys(r.comments).length > 0) this.responses.set(r.id, { ...r, comments: {} });
				break;
			case 'minimise':
				this.responses.clear();
				this.closedResponses = op.v;
				break;
		}
	}

	toFile(): RoundFile {
		return {
			schemaVersion: SCHEMA_VERSION,
			roundId: this.roundId,
			invitations: [...this.invitations.values()],
			responses: [...this.responses.values()],
			closedResponses: [...this.closedResponses],
			waves: [...this.waves.values()],
			outbox: [...this.outbox.values()]
		};
	}

	/** Whether anything still ties a person to taking part: what cut-links removes. */
	hasLinks(): boolean {
		if (this.outbox.size > 0) return true;
		for (const inv of this.invitations.values()) if (inv.responseId !== null || inv.declinedAt !== null) return true;
		return false;
	}

	#foldOutbox() {
		const totals = new Map<string, ReturnType<typeof emptyTotals>>();
		for (const m of this.outbox.values()) {
			const t = totals.get(m.waveId) ?? emptyTotals();
			// What had not gone by the close never will.
			t[m.state === 'sending' || m.state === 'queued' ? 'skipped' : m.state]++;
			totals.set(m.waveId, t);
		}
		for (const [id, w] of this.waves)
			if (w.totals === null) this.waves.set(id, { ...w, totals: { ...(totals.get(id) ?? emptyTotals()) } });
		this.outbox.clear();
	}

	#putInvitation(inv: Invitation) {
		const old = this.invitations.get(inv.id);
		if (old && old.tokenHash !== inv.tokenHash) this.#byTokenHash.delete(old.tokenHash);
		this.invitations.set(inv.id, inv);
		this.#byTokenHash.set(inv.tokenHash, inv);
	}
}
