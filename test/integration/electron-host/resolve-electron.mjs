// Module resolution hook (node:module register): the bare specifier 'electron' resolves to the stand-in,
// wherever the importing file is (the built main in dist/, or a copy of dist/ moved elsewhere).
const STAND_IN = new URL('./stand-in-electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STAND_IN, shortCircuit: true };
  return nextResolve(specifier, context);
}
