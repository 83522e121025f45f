// Types for rollup.config.mjs, which the benchmarks import (bench/suites/bundles.ts).
import type { Plugin, RollupOptions, WarningHandlerWithDefault } from 'rollup';

/** The plugins every deskkit bundle is built with; `report: false` leaves out the size printout. */
export declare const plugins: (options?: { report?: boolean }) => Plugin[];
/** Drops the warnings that are harmless in these bundles. */
export declare const quiet: WarningHandlerWithDefault;
declare const config: RollupOptions[];
export default config;
