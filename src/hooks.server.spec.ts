import { describe, expect, it, vi } from 'vitest';
import { handleError } from './hooks.server';
import { StoreError, StoreReadError } from '$lib/server/store/errors';

const answer = (error: unknown) => handleError({ error, status: 500, message: 'Internal Error', event: {} as never });

describe('handleError', () => {
	it('calls a file that cannot be read a read error, and a failed write a failed save', () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		expect(answer(new StoreReadError('/data/rounds/r.json', 'onbruikbaar'))).toMatchObject({
			message: 'Lezen lukte niet',
			detail: expect.stringMatching(/Er is niets gewijzigd/)
		});
		expect(answer(new StoreError('Schrijven naar x mislukt'))).toMatchObject({ message: 'Opslaan lukte niet' });
		expect(answer(new Error('iets anders'))).toEqual({ message: 'Internal Error' });
	});
});
