import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './ids';

/**
 * The e-mail outbox of a round (issue 13), kept with the round: in the JSON store in the round's
 * own file and journal, in PostgreSQL one row per message, whose delivery (claim, lease, result)
 * changes under that row's lock alone (Store.updateMessages). It holds who gets which kind
 * of message in which wave, never a rendered message or link: messages are rendered when they
 * are sent, from the invitation and the link key, so the data folder still yields no working link.
 */
export const mailKinds = ['invitation', 'reminder'] as const;
export const mailKindSchema = z.enum(mailKinds);
export type MailKind = z.infer<typeof mailKindSchema>;
export const mailKindLabels: Record<MailKind, string> = { invitation: 'Uitnodiging', reminder: 'Herinnering' };

/**
 * One sending action: "send the invitations", "send a reminder", or one planned for later. A
 * wave's recipients are decided when it becomes due (`materialisedAt`), so a planned reminder
 * goes to whoever has not answered by then.
 */
export const waveSchema = z.object({
	id: idSchema,
	kind: mailKindSchema,
	/** Reminders only: to those who have not begun at all, not to those with a draft. */
	onlyNotStarted: z.boolean().default(false),
	createdAt: isoDateTimeSchema,
	/** Who asked for it (an admin's e-mail); null for the server's own (invitations at opening). */
	by: z.string().max(200).nullable().default(null),
	/** When it is due; null: at once. */
	scheduledAt: isoDateTimeSchema.nullable().default(null),
	/** When its messages were queued; null while it waits for its time. */
	materialisedAt: isoDateTimeSchema.nullable().default(null),
	cancelledAt: isoDateTimeSchema.nullable().default(null),
	/**
	 * After close the messages go (they told who had not answered when); the wave keeps only
	 * its totals per state.
	 */
	totals: z.record(z.string(), z.number().int().min(0)).nullable().default(null)
});
export type Wave = z.infer<typeof waveSchema>;

/**
 * queued: waits for its turn (again, after a temporary failure: `nextAttemptAt`); sending: claimed
 * by one sender (`claimedBy`) until `leaseUntil`, handed to the SMTP server, result not yet
 * recorded (when its sender died, it goes again once the lease ran out, and may arrive twice);
 * sent: the server accepted it; refused: the server rejected address or message for good;
 * failed: temporary failures until the attempts ran out; skipped: not sent, because the person
 * answered or declined meanwhile, was erased, or has an address marked as wrong.
 */
export const messageStates = ['queued', 'sending', 'sent', 'refused', 'failed', 'skipped'] as const;
export const messageStateSchema = z.enum(messageStates);
export type MessageState = z.infer<typeof messageStateSchema>;
export const messageStateLabels: Record<MessageState, string> = {
	queued: 'wacht',
	sending: 'onderweg',
	sent: 'verstuurd',
	refused: 'geweigerd',
	failed: 'mislukt',
	skipped: 'niet verstuurd'
};

export const outboxMessageSchema = z.object({
	id: idSchema,
	waveId: idSchema,
	invitationId: idSchema,
	kind: mailKindSchema,
	state: messageStateSchema,
	attempts: z.number().int().min(0).default(0),
	/** A queued message waits until then (backoff after a temporary failure); null: now. */
	nextAttemptAt: isoDateTimeSchema.nullable().default(null),
	/** The address of the last attempt, for the admin's list of problems. */
	to: z.string().max(200).default(''),
	/**
	 * While sending: the sender (an instance of the app) that claimed it, and until when that
	 * claim holds. The sender extends it while the SMTP server has the message; no other sender
	 * takes it before it ran out. Null otherwise (and in data from before leases).
	 */
	claimedBy: z.string().max(200).nullable().default(null),
	leaseUntil: isoDateTimeSchema.nullable().default(null),
	/** The SMTP server's answer or error, or why it was skipped. */
	result: z.string().max(1000).default(''),
	updatedAt: isoDateTimeSchema
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** Messages per state, for "214 van 559 verstuurd". */
export type WaveTotals = Record<MessageState, number>;
export const emptyTotals = (): WaveTotals => ({ queued: 0, sending: 0, sent: 0, refused: 0, failed: 0, skipped: 0 });

/**
 * Whether a sender may take the message at `at`: queued and due, or marked sending by a sender
 * whose claim ran out (or that has none: data from before leases). The PostgreSQL store says
 * the same in SQL (its `ready_at` column); the store's contract tests hold the two together.
 */
export function claimableAt(m: OutboxMessage, at: Date): boolean {
	const until = m.state === 'queued' ? m.nextAttemptAt : m.state === 'sending' ? m.leaseUntil : undefined;
	return until !== undefined && (until === null || Date.parse(until) <= at.getTime());
}

/** Whether the message is marked sending and its claim ran out by `at` (with `at` null: at all). */
export const sendingExpiredAt = (m: OutboxMessage, at: Date | null): boolean =>
	m.state === 'sending' && (at === null || m.leaseUntil === null || Date.parse(m.leaseUntil) <= at.getTime());
