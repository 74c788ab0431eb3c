// `npm run demo` and `npm run user -- …`: run the bundled operator commands (src/cli/main.ts).
import { ensureBuild } from './ensure-build.js';

ensureBuild();
process.env.ORIGIN ||= `http://localhost:${process.env.PORT || '3000'}`;
await import('../build/cli/main.js');
