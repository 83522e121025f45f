import { fileURLToPath } from 'node:url';
import type { StaticMount } from '../koa.js';

const fromRepo = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));

/** The rollup bundles host pages load from the desk (`npm run build` makes them). */
export const bundleMounts = (): StaticMount[] => [
  { prefix: '/dist/components', dir: fromRepo('packages/components/dist') },
  { prefix: '/dist/client', dir: fromRepo('packages/client/dist') },
];

/** Bundles, the customer portal example at `/portal/` and the intranet example at `/`. */
export const demoMounts = (): StaticMount[] => [
  ...bundleMounts(),
  { prefix: '/portal', dir: fromRepo('examples/customer-portal') },
  { prefix: '/', dir: fromRepo('examples/intranet') },
];

export const componentsBundle = fromRepo('packages/components/dist/deskkit-components.js');
