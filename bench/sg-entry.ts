/**
 * What the peer comparison runs of Session Guard in its own process: the CLI's analysis (`lintUnits`), bundled
 * by esbuild like dist/cli.js, so that the figure is the shipped code and not the test loader's transform of
 * the sources (tsx wraps every function it creates, which costs the closures of hot paths).
 */
export { lintUnits } from '../server/node/run-lint';
export { RULES } from '../server/core/rules';
export { ConfigResolver } from '../server/node/config-loader';
export { parseXml } from '../server/core/xml/scanner';
