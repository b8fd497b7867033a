// The peer of bench/bench_sync.py: PouchDB replicating a day's dossiers to a CouchDB-protocol server.
//   node peer.js serve PORT DIR        -> a CouchDB-protocol server (express-pouchdb) on 127.0.0.1:PORT
//   node peer.js replicate URL FILE DIR -> load FILE (JSON list of documents) into a local PouchDB in DIR,
//                                          replicate it to URL, print {"seconds", "docs"} as JSON
"use strict";
const path = require("path");
const PouchDB = require("pouchdb-node");

const [mode, a, b, c] = process.argv.slice(2);
if (mode === "serve") {
  const Local = PouchDB.defaults({ prefix: path.join(b, "/") });
  const app = require("express")();
  app.use("/", require("express-pouchdb")(Local, { mode: "minimumForPouchDB", logPath: path.join(b, "log.txt") }));
  app.listen(Number(a), "127.0.0.1", () => console.log("listening"));
} else if (mode === "replicate") {
  const docs = JSON.parse(require("fs").readFileSync(b, "utf8"));
  const local = new PouchDB(path.join(c, "desk"));
  local.bulkDocs(docs).then(() => {
    const t0 = process.hrtime.bigint();
    return PouchDB.replicate(local, new PouchDB(a), { batch_size: 100 }).then((res) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      console.log(JSON.stringify({ seconds, docs: res.docs_written, ok: res.ok }));
    });
  }).catch((e) => { console.error(String(e)); process.exit(1); });
} else {
  console.error("usage: node peer.js serve PORT DIR | replicate URL FILE DIR");
  process.exit(2);
}
