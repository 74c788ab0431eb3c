/**
 * A small seeded PRNG so the demo network is the same for the same seed on every machine.
 * Math.random cannot be seeded; node:crypto is not reproducible.
 */

/** mulberry32: 32-bit state, good enough statistics for simulated survey answers. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a: turns a label into a 32-bit number, to derive independent streams. */
export function hash32(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export type Rng = {
	/** Uniform in [0, 1). */
	next(): number;
	/** Integer in [min, max], both inclusive. */
	int(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	normal(mean?: number, sd?: number): number;
	shuffle<T>(items: readonly T[]): T[];
	/** Random-looking id such as `r-0k3x9a2mqz7b`, valid for idSchema. */
	id(prefix: string): string;
	/**
	 * An independent stream for one purpose, so that drawing more numbers in one part of the
	 * demo (say, names) does not shift every answer that follows.
	 */
	fork(label: string): Rng;
};

export function createRng(seed: number): Rng {
	const next = mulberry32(seed);
	let spare: number | null = null;
	const rng: Rng = {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: (p) => next() < p,
		pick: (items) => items[Math.floor(next() * items.length)],
		normal(mean = 0, sd = 1) {
			// Box–Muller yields two normals per pair of uniforms; keep the second for next time.
			if (spare !== null) {
				const z = spare;
				spare = null;
				return mean + sd * z;
			}
			const u = 1 - next();
			const v = next();
			const r = Math.sqrt(-2 * Math.log(u));
			spare = r * Math.sin(2 * Math.PI * v);
			return mean + sd * r * Math.cos(2 * Math.PI * v);
		},
		shuffle(items) {
			const out = items.slice();
			for (let i = out.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[out[i], out[j]] = [out[j], out[i]];
			}
			return out;
		},
		id(prefix) {
			const part = () =>
				Math.floor(next() * 36 ** 6)
					.toString(36)
					.padStart(6, '0');
			return `${prefix}-${part()}${part()}`;
		},
		fork: (label) => createRng((hash32(label) ^ Math.imul(seed, 0x9e3779b1)) >>> 0)
	};
	return rng;
}
