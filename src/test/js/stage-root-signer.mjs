// Test tooling (docs/guides/tuf-ceremony-with-yubikey.md): turns a copy of a published TUF repository made by
// tuf-on-ci into the working tree of a tuf-on-ci signing event that adds a root signer, as its maintainers' tools
// leave it for the signers: metadata/root.json (and root_history/N.root.json) at the next version, the new key
// listed with its owner, a "" placeholder for every root signer, written as python-tuf writes metadata.
//
//   node stage-root-signer.mjs PUBLISHED_REPO WORKING_TREE PUBLIC_KEY.pem|CERTIFICATE.pem OWNER
import { createHash, createPublicKey } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [from, to, pemFile, owner] = process.argv.slice(2);

// OLPC canonical JSON as securesystemslib writes it: sorted keys, no whitespace, only \ and " escaped
const canonical = (v) =>
  Array.isArray(v) ? "[" + v.map(canonical).join(",") + "]"
  : v !== null && typeof v === "object"
    ? "{" + Object.keys(v).sort().map((k) => canonical(k) + ":" + canonical(v[k])).join(",") + "}"
  : typeof v === "string" ? '"' + v.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"'
  : String(v);
// python-tuf's JSONSerializer: json.dumps(indent=1, separators=(",", ": "), sort_keys=True)
const sorted = (v) =>
  Array.isArray(v) ? v.map(sorted)
  : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])]))
  : v;
const write = (file, md) => writeFileSync(file, JSON.stringify(sorted(md), null, 1));

const meta = join(from, "metadata");
const roots = readdirSync(meta).filter((f) => /^\d+\.root\.json$/.test(f)).sort((a, b) => parseInt(a) - parseInt(b));
const newest = roots[roots.length - 1];
const md = JSON.parse(readFileSync(join(meta, newest), "utf8"));
// a PUBLIC KEY (keys export --public adds Notary's "role: root" header, dropped here) or a certificate
const pem = readFileSync(pemFile, "utf8").replace(/^[\w-]+: .*\n\n?/gm, "");
const spki = createPublicKey(pem).export({ type: "spki", format: "pem" });
const key = {
  keytype: "ecdsa",
  scheme: "ecdsa-sha2-nistp256",
  keyval: { public: spki },
  "x-tuf-on-ci-keyowner": owner,
};
const keyid = createHash("sha256").update(canonical(key)).digest("hex");
md.signed.keys[keyid] = key;
md.signed.roles.root.keyids.push(keyid);
md.signed.version += 1;
md.signatures = md.signed.roles.root.keyids.map((id) => ({ keyid: id, sig: "" }));

mkdirSync(join(to, "metadata", "root_history"), { recursive: true });
for (const f of roots) {
  copyFileSync(join(meta, f), join(to, "metadata", "root_history", f));
}
for (const f of readdirSync(meta).filter((f) => /^\d+\.(?!root\.|snapshot\.)[^/]+\.json$/.test(f))) {
  copyFileSync(join(meta, f), join(to, "metadata", f.replace(/^\d+\./, "")));
}
write(join(to, "metadata", "root_history", md.signed.version + ".root.json"), md);
write(join(to, "metadata", "root.json"), md);
console.log("staged root version " + md.signed.version + " adding " + owner + "'s key " + keyid.slice(0, 7));
