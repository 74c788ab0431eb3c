// `npm run bench`: build when needed, then run the benchmarks (src/cli/bench.ts).
import { ensureBuild } from './ensure-build.js';

ensureBuild();
await import('../build/cli/bench.js');
