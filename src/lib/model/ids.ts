import { z } from 'zod';

/** Stable, URL-safe identifiers: lowercase letters, digits and dashes. */
export const idSchema = z
	.string()
	.min(1)
	.max(80)
	.regex(/^[a-z0-9][a-z0-9-]*$/, 'Alleen kleine letters, cijfers en streepjes');

export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** Current layout version of every file the store writes; see store/migrations.ts. */
export const SCHEMA_VERSION = 4;
