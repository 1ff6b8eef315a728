"""Reference data: the national structure, generated from pinned source data files."""
