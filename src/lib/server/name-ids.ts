/**
 * Ids for organisations and bodies, read from their name ("Gemeente Zwolle" → gemeente-zwolle):
 * they are not persons, and a readable id helps in exports and URLs. An id never changes after
 * it is given out (rounds and responses refer to it), so a renamed partner keeps its old one.
 */
export function idFromName(name: string, taken: ReadonlySet<string>, reserved: readonly string[] = []): string {
	const base =
		name
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/&/g, ' en ')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60)
			.replace(/-+$/, '') || 'x';
	const free = (id: string) => !taken.has(id) && !reserved.includes(id);
	if (free(base)) return base;
	for (let n = 2; ; n++) if (free(`${base}-${n}`)) return `${base}-${n}`;
}

/** How names are compared: case and surrounding spaces do not count, nor doubled spaces inside. */
export const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
