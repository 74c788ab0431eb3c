/**
 * Lets a new wave start at once instead of at the sender's next poll: the running sender
 * listens, and the outbox calls `wakeSender` after queueing. Without a sender nothing happens.
 */
let listener: (() => void) | null = null;

export function onWake(fn: (() => void) | null): void {
	listener = fn;
}

export function wakeSender(): void {
	listener?.();
}
