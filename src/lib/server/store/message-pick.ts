import { claimableAt, sendingExpiredAt, type OutboxMessage } from '$lib/model/outbox';
import { StoreError } from './errors';
import type { RoundOp } from './files';
import type { RoundState } from './round-state';
import type { MessagePick } from './store';

/** The messages `pick` names, oldest first, for a store that holds the whole outbox in memory. */
export function pickMessages(outbox: Iterable<OutboxMessage>, pick: MessagePick): OutboxMessage[] {
	const all = [...outbox];
	if ('id' in pick) return all.filter((m) => m.id === pick.id);
	if ('claimableAt' in pick) return all.filter((m) => claimableAt(m, pick.claimableAt)).slice(0, 1);
	return all.filter((m) => sendingExpiredAt(m, pick.sendingExpiredAt));
}

/** A delivery changes a message's state, never which message it is. */
export function assertSameMessage(before: OutboxMessage, after: OutboxMessage): void {
	if (
		after.id !== before.id ||
		after.waveId !== before.waveId ||
		after.invitationId !== before.invitationId ||
		after.kind !== before.kind
	)
		throw new StoreError(`Bericht ${before.id} kan niet een ander bericht worden.`);
}

/** transactRound makes messages; changing one that exists is updateMessages' work. */
export function assertNewMessages(state: RoundState, ops: readonly RoundOp[]): void {
	for (const op of ops)
		if (op.t === 'message' && state.outbox.has(op.v.id))
			throw new StoreError(`Bericht ${op.v.id} bestaat al; een bestaand bericht verandert alleen met updateMessages.`);
}
