/**
 * What a domain function that can refuse returns: the saved value, or Dutch reasons keyed by
 * the form field they belong to ('form' for the form as a whole), for the route to show.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** Thrown inside an updateNetwork change to abandon it: nothing is written. */
export class Refusal extends Error {
	constructor(readonly errors: Record<string, string>) {
		super(Object.values(errors)[0] ?? 'Geweigerd');
		this.name = 'Refusal';
	}
}

export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
	try {
		return { ok: true, value: await run() };
	} catch (e) {
		if (e instanceof Refusal) return { ok: false, errors: e.errors };
		throw e;
	}
}
