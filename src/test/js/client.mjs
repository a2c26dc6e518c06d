// The real tuf-js client, driven by TufJsClientIT: refresh a repository served on 127.0.0.1 from the trusted root
// in METADATA_DIR/root.json, then download one target. Prints one JSON line; exits 1 with the client's error.
import { Updater } from 'tuf-js';
import fs from 'node:fs';
import path from 'node:path';

const [metadataBaseUrl, targetBaseUrl, metadataDir, targetDir, target] = process.argv.slice(2);
try {
  const updater = new Updater({ metadataBaseUrl, targetBaseUrl, metadataDir, targetDir });
  await updater.refresh();
  const info = await updater.getTargetInfo(target);
  if (!info) {
    throw new Error(`target ${target} not found`);
  }
  const file = await updater.downloadTarget(info, path.join(targetDir, path.basename(target)));
  const root = JSON.parse(fs.readFileSync(path.join(metadataDir, 'root.json'), 'utf8'));
  console.log(JSON.stringify({ ok: true, file, rootVersion: root.signed.version }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: `${e.name}: ${e.message}` }));
  process.exit(1);
}
