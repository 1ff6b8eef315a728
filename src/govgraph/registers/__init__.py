"""Task registers: one row per task, as provincial offices keep them, turned into task assignments in RDF.

``fields`` names the columns a register may have and the headers each is known by; ``values`` reads dates,
statuses and roles as offices write them; ``directory`` looks up units, posts and their holders in the built
graph; ``rows`` turns one row into a task or a row-level error; ``ingest`` reads a whole register and writes RDF.
"""
