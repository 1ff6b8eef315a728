"""Tables as offices keep them (CSV in several encodings and separators, .xlsx workbooks): shared by the
crosswalk of statistics and the ingest of task registers. ``decoding`` turns bytes into text, deterministically."""
