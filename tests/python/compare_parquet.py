"""Compares a Parquet export with a CSV export of the same pages, table by table, with DuckDB: prints, as
JSON, each table's row count in both and the number of rows found in one and not the other (values
compared as text, since CSV has no types). Run by tests/export_parquet.rs."""
import json
import sys

import duckdb

parquet_dir, csv_dir = sys.argv[1], sys.argv[2]
con = duckdb.connect()
out = {}
for table in ["revisions", "records", "findings", "changes"]:
    p = f"read_parquet('{parquet_dir}/{table}.parquet')"
    c = f"read_csv('{csv_dir}/{table}.csv', header = true, all_varchar = true)"
    columns = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {p}").fetchall()]
    as_text = ", ".join(f'CAST("{col}" AS VARCHAR) AS "{col}"' for col in columns)
    names = ", ".join(f'"{col}"' for col in columns)
    pt = f"(SELECT {as_text} FROM {p})"
    ct = f"(SELECT {names} FROM {c})"
    out[table] = {
        "parquet_rows": con.execute(f"SELECT count(*) FROM {p}").fetchall()[0][0],
        "csv_rows": con.execute(f"SELECT count(*) FROM {c}").fetchall()[0][0],
        "only_in_parquet": con.execute(f"SELECT count(*) FROM ({pt} EXCEPT ALL {ct})").fetchall()[0][0],
        "only_in_csv": con.execute(f"SELECT count(*) FROM ({ct} EXCEPT ALL {pt})").fetchall()[0][0],
        "types": {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM {p}").fetchall()},
    }
print(json.dumps(out, sort_keys=True))
