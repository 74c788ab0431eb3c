/** The data folder cannot be used: the message names the file and what to do. */
export class StoreError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'StoreError';
	}
}

/** A file could not be read or parsed: nothing was changed, but its data is unavailable. */
export class StoreReadError extends StoreError {
	readonly file: string;
	constructor(file: string, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'StoreReadError';
		this.file = file;
	}
}

/**
 * The database did not answer a read (it is down, unreachable, or refused the connection):
 * nothing was changed, and the same read may work a moment later.
 */
export class StoreUnavailableError extends StoreError {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'StoreUnavailableError';
	}
}

export class StoreLockedError extends StoreError {
	constructor(message: string) {
		super(message);
		this.name = 'StoreLockedError';
	}
}

export const errorCode = (e: unknown) =>
	typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
