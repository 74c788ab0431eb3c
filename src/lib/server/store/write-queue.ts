/**
 * Every write of the store runs through one serial queue, so two writes never interleave on
 * disk and a write's promise settles only when its bytes are durable.
 */
export class WriteQueue {
	#tail: Promise<unknown> = Promise.resolve();

	run<T>(task: () => Promise<T>): Promise<T> {
		const result = this.#tail.then(task);
		// Keep the chain alive after a failure; the caller still sees the rejection.
		this.#tail = result.catch(() => undefined);
		return result;
	}

	/** Resolves when everything queued so far has finished. */
	idle(): Promise<void> {
		return this.#tail.then(() => undefined);
	}
}

/** One serial queue per name, dropped once it is empty. */
export class NamedQueues {
	#tails = new Map<string, Promise<unknown>>();

	run<T>(name: string, task: () => Promise<T>): Promise<T> {
		const before = this.#tails.get(name) ?? Promise.resolve();
		const result = before.then(task, task);
		const tail = result.catch(() => undefined);
		this.#tails.set(name, tail);
		void tail.then(() => {
			if (this.#tails.get(name) === tail) this.#tails.delete(name);
		});
		return result;
	}
}
