import { SCHEMA_VERSION } from '$lib/model/ids';
import { StoreError } from './errors';

export type FileKind = 'network' | 'sessions' | 'round' | 'published' | 'comments';
type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upgrades from version N to N + 1, per file kind. A future layout change adds its step here;
 * files are migrated as they are read and written back in the new layout on the next write.
 */
const steps: Record<FileKind, Record<number, Migration>> = {
	network: {},
	sessions: {},
	round: {},
	published: {},
	comments: {}
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
