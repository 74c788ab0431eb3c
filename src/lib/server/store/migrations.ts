import { SCHEMA_VERSION } from '$lib/model/ids';
import { StoreError } from './errors';

export type FileKind = 'network' | 'sessions' | 'round' | 'published' | 'comments';
type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upgrades from version N to N + 1, per file kind. A future layout change adds its step here;
 * files are migrated as they are read and written back in the new layout on the next write.
 */
const same: Migration = (data) => data;
const steps: Record<FileKind, Record<number, Migration>> = {
	// 1 → 2: closing minimises a round's responses (closing.ts). Rounds closed before that have
	// no `minimisedAt`, so the close job finishes them; round files get their `closedResponses`.
	network: {
		1: (data) => ({
			...data,
			rounds: Array.isArray(data.rounds)
				? data.rounds.map((r: Record<string, unknown>) => ({ ...r, minimisedAt: r.minimisedAt ?? null }))
				: data.rounds
		}),
		// 2 → 3: closed responses keep no profile at all (they kept a coarsened one). Minimising
		// again folds the old profiles out of the round's journal and `.bak` too.
		2: (data) => ({
			...data,
			rounds: Array.isArray(data.rounds)
				? data.rounds.map((r: Record<string, unknown>) => (r.status === 'closed' ? { ...r, minimisedAt: null } : r))
				: data.rounds
		}),
		3: same
	},
	// 3 → 4 adds only fields with defaults: the e-mail outbox (round files), declines
	// (invitations), addresses marked as wrong (people), declines in published participation.
	sessions: { 1: same, 2: same, 3: same },
	round: {
		1: (data) => ({ ...data, closedResponses: data.closedResponses ?? [] }),
		2: (data) => ({
			...data,
			closedResponses: Array.isArray(data.closedResponses)
				? data.closedResponses.map(({ answers, status }: Record<string, unknown>) => ({ answers, status }))
				: data.closedResponses
		}),
		3: same
	},
	published: { 1: same, 2: same, 3: same },
	comments: { 1: same, 2: same, 3: same }
};

export function migrate(kind: FileKind, raw: unknown): unknown {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
	let data = raw as Record<string, unknown>;
	let version = typeof data.schemaVersion === 'number' ? data.schemaVersion : 0;
	if (version > SCHEMA_VERSION)
		throw new StoreError(
			`Bestand heeft schemaversie ${version}, deze versie van de app kent tot ${SCHEMA_VERSION}. Werk de app bij.`
		);
	while (version < SCHEMA_VERSION) {
		const step = steps[kind][version];
		if (!step) throw new StoreError(`Geen migratie voor ${kind} van schemaversie ${version}.`);
		data = { ...step(data), schemaVersion: version + 1 };
		version += 1;
	}
	return data;
}
