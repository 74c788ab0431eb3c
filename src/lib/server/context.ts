import type { Store } from './store';
import type { SessionUser } from '$lib/model/user';

/**
 * What every domain function gets: the store, and who acts (for the audit log and for checks
 * such as "the last admin cannot demote themselves"). Routes obtain one only from the guard
 * (guard.ts), which checks the role first; they never import the store.
 */
export type DomainContext = {
	readonly store: Store;
	/** The logged-in user; null for public pages, the survey and the server's own jobs. */
	readonly actor: SessionUser | null;
	readonly now: () => Date;
};

export const domainContext = (store: Store, actor: SessionUser | null, now = () => new Date()): DomainContext => ({
	store,
	actor,
	now
});
