import type { z } from 'zod';

/** zod issues → first message per field, for showing next to that field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = issue.path.map(String).join('.') || 'form';
		out[key] ??= issue.message;
	}
	return out;
}
