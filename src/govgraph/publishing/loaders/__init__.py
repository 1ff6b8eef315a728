"""Loading a release into a triple store, all or nothing, replacing only govgraph's named graphs.

Every engine follows the same plan (:mod:`~govgraph.publishing.loaders.staging`): the release's N-Quads are
checked against ``SHA256SUMS``, rewritten to temporary graph names under ``STAGING`` and loaded with the
engine's own bulk path; only when that load has fully succeeded are govgraph's graphs replaced by the staged
ones in one transaction of the engine. A failed or killed load drops the staged graphs (and the next load drops
any left by a load that was itself killed), so the engine answers exactly as before. Virtuoso loads the graphs
it does not hold yet straight under their own names (see :mod:`~govgraph.publishing.loaders.virtuoso`): a
failed load deletes them again.
"""
