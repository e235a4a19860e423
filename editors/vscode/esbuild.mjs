// Bundles the extension and vscode-languageclient into dist/extension.js,
// so the .vsix needs no node_modules (vsce package --no-dependencies).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: false,
  minify: process.argv.includes('--minify'),
  logLevel: 'info',
});
