"""Reads a `pagerev export` folder (CSV) back with DuckDB and prints what the Rust test compares with the
CLI's own JSON: row counts per table, and the results of a few joins. Run by tests/export_duckdb.rs."""
import json
import sys

import duckdb

folder = sys.argv[1]
con = duckdb.connect()
for table in ["revisions", "records", "findings", "changes"]:
    con.execute(
        f"CREATE TABLE {table} AS SELECT * FROM read_csv('{folder}/{table}.csv', header = true, all_varchar = true)"
    )


def one(sql):
    return con.execute(sql).fetchall()


out = {
    "rows": {t: one(f"SELECT count(*) FROM {t}")[0][0] for t in ["revisions", "records", "findings", "changes"]},
    # Every record belongs to an exported revision, and each revision's record count matches its rows.
    "records_per_revision": {
        r: n
        for r, n in one(
            "SELECT v.revision, count(r.id) FROM revisions v LEFT JOIN records r USING (page, revision) "
            "GROUP BY v.revision ORDER BY v.revision"
        )
    },
    "revision_record_counts": {r: int(n) for r, n in one("SELECT revision, records FROM revisions")},
    # Findings about a record join a record of the same revision.
    "findings_with_record": one("SELECT count(*) FROM findings WHERE record_id IS NOT NULL")[0][0],
    "findings_joined": one(
        "SELECT count(*) FROM findings f JOIN records r "
        "ON f.page = r.page AND f.revision = r.revision AND f.record_id = r.id"
    )[0][0],
    # The analyst's question: which visits were redated, and from what.
    "redated": one("SELECT previous_id, record_id FROM changes WHERE kind = 'redated'"),
    "changes_by_kind": {k: n for k, n in one("SELECT kind, count(*) FROM changes GROUP BY kind")},
}
print(json.dumps(out, sort_keys=True))
