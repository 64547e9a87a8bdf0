// `node --import ./test/helpers/record-imports.mjs ...`: appends every file module the process loads to the
// file named by DOCKHAND_RECORD_IMPORTS, one URL a line (what a start-up test reads to see what was loaded).
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url);
