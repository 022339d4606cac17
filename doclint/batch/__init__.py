"""`doclint batch`: resumable review of many filed documents, stored in SQLite, with offline reports.

How it fits together:

- `run.BatchRun` walks the discovered files, decides which need linting, feeds them to `pool.WorkerPool`
  and writes each outcome to `store.Store` as soon as it arrives (one SQLite transaction per document,
  WAL mode), so memory stays flat and a killed run loses nothing it committed.
- `worker.process` is the per-file job: open, hash, lint. It runs in a worker process because opening a
  file can block (a FIFO, a stalled network share); the pool kills a worker stuck past `--timeout`.
- `report`, `exports`: the HTML report, CSV and JSON Lines, always read from the store.

Recognising unchanged files cheaply (the re-run of an unchanged archive must cost ≤ 5% of the first run):

1. A row is *current* when it was linted with the same rule-set hash and the same configuration hash
   (configuration plus program version), and its content hash is known.
2. Fast path, no read: a current row whose stored size and mtime (nanoseconds) equal `os.stat` now is
   skipped. Like git's index, this trusts the file system's mtime, except when the mtime was within two
   seconds of the moment the file was read ("racily clean": a same-size edit in the same tick would be
   invisible), in which case the file takes step 3.
3. Otherwise the worker reads and hashes the file (SHA-256). If the hash equals the stored one, only
   size and mtime are refreshed (a `touch`, a copy, a checkout); if not, the file is linted again.
4. Rows without a content hash (timeouts, unreadable files) are always retried.
"""
