"""`doclint batch`: resumable review of many filed documents, stored in SQLite, with offline reports."""
