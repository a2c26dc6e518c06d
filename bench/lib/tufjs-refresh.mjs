// bench/parts/peers.sh: the real tuf-js client (src/test/js, from its lockfile) refreshing a repository served on
// 127.0.0.1, from the trusted root in METADATA_DIR/root.json: the work `keys tuf verify` does, as a client does it.
// Usage: node tufjs-refresh.mjs ROOT METADATA_URL METADATA_DIR INITIAL_ROOT [TIME]: METADATA_DIR is emptied and
// given INITIAL_ROOT as root.json first (a client that trusts only that root, as keys tuf verify does); TIME (ISO
// 8601): the client's clock, for repositories that have expired since (as `keys tuf verify --at TIME`). Prints
// one line; exits 1 on the error.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, metadataBaseUrl, metadataDir, initialRoot, time] = process.argv.slice(2);
fs.rmSync(metadataDir, { recursive: true, force: true });
fs.mkdirSync(metadataDir, { recursive: true });
fs.copyFileSync(initialRoot, path.join(metadataDir, 'root.json'));
if (time) {
  const fixed = Date.parse(time);
  const RealDate = Date;
  globalThis.Date = class extends RealDate {
    constructor(...args) {
      super(...(args.length ? args : [fixed]));
    }
    static now() {
      return fixed;
    }
  };
}
const { Updater } = await import(pathToFileURL(path.join(root, 'src/test/js/node_modules/tuf-js/dist/index.js')));
try {
  const updater = new Updater({ metadataBaseUrl, metadataDir, targetBaseUrl: metadataBaseUrl, targetDir: metadataDir });
  await updater.refresh();
  console.log('refreshed');
} catch (e) {
  console.log(`${e.name}: ${e.message}`);
  process.exit(1);
}
