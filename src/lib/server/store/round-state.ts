import type { Invitation } from '$lib/model/round';
import type { ClosedResponse, SurveyResponse } from '$lib/model/response';
import type { RoundFile, RoundOp } from './files';
import { SCHEMA_VERSION } from '$lib/model/ids';

/** One round's invitations and responses in memory, indexed for the survey's lookups. */
export class RoundState {
	readonly roundId: string;
	readonly invitations = new Map<string, Invitation>();
	readonly responses = new Map<string, SurveyResponse>();
	/** A closed round's responses, as closing minimised them; empty while the round is open. */
	closedResponses: readonly ClosedResponse[] = [];
	readonly #byTokenHash = new Map<string, Invitation>();

	constructor(roundId: string, file?: RoundFile | null) {
		this.roundId = roundId;
		for (const inv of file?.invitations ?? []) this.#putInvitation(inv);
		for (const r of file?.responses ?? []) this.responses.set(r.id, r);
		this.closedResponses = file?.closedResponses ?? [];
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
				break;
			}
			case 'cut-links':
				for (const inv of this.invitations.values())
					if (inv.responseId !== null) this.#putInvitation({ ...inv, responseId: null });
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
			closedResponses: [...this.closedResponses]
		};
	}

	#putInvitation(inv: Invitation) {
		const old = this.invitations.get(inv.id);
		if (old && old.tokenHash !== inv.tokenHash) this.#byTokenHash.delete(old.tokenHash);
		this.invitations.set(inv.id, inv);
		this.#byTokenHash.set(inv.tokenHash, inv);
	}
}
